using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Domain.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Operations;

/// <summary>
/// Writes this instance's <see cref="DashboardInstance"/> row every <see cref="Interval"/>, removes it on a clean stop,
/// and forgets instances silent for a day. An instance not seen for <see cref="Silence"/> counts as gone.
/// </summary>
public sealed partial class InstanceHeartbeat(
    IServiceScopeFactory scopes,
    ConnectionChangeListener listener,
    MetricsHistory history,
    IOptions<TelemetryOptions> options,
    TimeProvider clock,
    ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Forgotten = TimeSpan.FromDays(1);

    public string InstanceName => options.Value.InstanceName;

    /// <summary>The instances seen within <see cref="Silence"/>, this one first.</summary>
    public async Task<IReadOnlyList<DashboardInstance>> RunningAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        var since = clock.GetUtcNow() - Silence;
        var instances = await db.DashboardInstances.AsNoTracking().Where(i => i.LastSeenAt >= since).OrderBy(i => i.StartedAt).ToListAsync(cancellationToken);
        return [.. instances.OrderByDescending(i => i.Name == InstanceName)];
    }

    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO dashboard_instances (name, started_at, last_seen_at, listening)
            VALUES ({InstanceName}, {history.StartedAt}, {now}, {listener.IsListening})
            ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, last_seen_at = excluded.last_seen_at, listening = excluded.listening
            """, cancellationToken);
        var forgotten = now - Forgotten;
        await db.DashboardInstances.Where(i => i.LastSeenAt < forgotten).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogBeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
            await db.DashboardInstances.Where(i => i.Name == InstanceName).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A stop without the database is still a stop; the row ages out after Silence.
            LogBeatFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record this instance's heartbeat")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
