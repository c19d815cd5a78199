using FinchDashboard.Dashboard.Access;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Health;

/// <summary>How often checks run and how fast, and this instance's last and next pass.</summary>
public sealed record HealthCheckSchedule(
    bool Enabled, TimeSpan Interval, int MaxRequestsPerMinute, HealthCheckPass? LastPass, DateTimeOffset? RunningSince, DateTimeOffset? NextPassAt);

/// <summary>Failed checks of one kind over the last day and week.</summary>
public sealed record HealthFailureTally(HealthCheckFailureKind Kind, int LastDay, int LastWeek);

/// <summary>A live connection whose recent health checks failed in a row.</summary>
public sealed record RepeatedlyFailingConnection(
    Guid Id,
    string? CompanyName,
    string? CustomerName,
    string? ProviderName,
    ConnectionStatus Status,
    int FailuresInARow,
    HealthCheckFailureKind? LastFailureKind,
    string? LastFailureMessage,
    DateTimeOffset? LastCheckedAt,
    DateTimeOffset? LastSyncedAt);

public sealed record HealthCheckOverview(
    HealthCheckSchedule Schedule,
    int LiveConnections,
    DateTimeOffset? LastCheckedAt,
    IReadOnlyList<HealthFailureTally> FailuresByKind,
    IReadOnlyList<RepeatedlyFailingConnection> RepeatedFailures,
    int RepeatedFailureCount);

/// <summary>One connection's health-check state and its latest failures, for the connection's page.</summary>
public sealed record ConnectionHealth(
    DateTimeOffset? CheckedAt,
    int FailuresInARow,
    HealthCheckFailureKind? LastFailureKind,
    string? LastFailureMessage,
    IReadOnlyList<HealthCheckFailure> RecentFailures);

public abstract record HealthCheckReportResult
{
    public sealed record Ready(HealthCheckOverview Overview) : HealthCheckReportResult;

    public sealed record Denied : HealthCheckReportResult;
}

/// <summary>The health checks page: failures by kind and connections failing repeatedly, among the caller's employers.</summary>
public sealed class HealthCheckReport(
    EmployerData data,
    CurrentCaller currentCaller,
    ConnectionHealthMonitor monitor,
    IOptions<HealthCheckOptions> options,
    TimeProvider clock)
{
    /// <summary>Failures in a row that put a connection on the page: one can be a blip, two are a pattern.</summary>
    public const int RepeatedFailureThreshold = 2;

    /// <summary>Most repeatedly failing connections listed; the total is shown beside them.</summary>
    public const int RepeatedFailuresShown = 100;

    /// <summary>Failures listed on a connection's page; the counts per kind are on the health checks page.</summary>
    public const int RecentFailuresShown = 10;

    public async Task<HealthCheckReportResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ViewHealthChecks))
        {
            return new HealthCheckReportResult.Denied();
        }

        var now = clock.GetUtcNow();
        var dayAgo = now.AddDays(-1);
        var weekAgo = now.AddDays(-7);
        await using var db = await data.OpenAsync(cancellationToken);

        var byKind = await db.HealthCheckFailures.AsNoTracking()
            .Where(f => f.OccurredAt >= weekAgo)
            .GroupBy(f => f.Kind)
            .Select(g => new HealthFailureTally(g.Key, g.Count(f => f.OccurredAt >= dayAgo), g.Count()))
            .ToListAsync(cancellationToken);

        var live = db.Connections.AsNoTracking().Where(c => c.State == ConnectionState.Live);
        var liveCount = await live.CountAsync(cancellationToken);
        var lastCheckedAt = await live.MaxAsync(c => c.HealthCheckedAt, cancellationToken);

        var failing = live.Where(c => c.HealthFailureCount >= RepeatedFailureThreshold);
        var failingCount = await failing.CountAsync(cancellationToken);
        var repeated = await failing
            .OrderByDescending(c => c.HealthCheckedAt).ThenBy(c => c.Id)
            .Take(RepeatedFailuresShown)
            .Select(c => new RepeatedlyFailingConnection(
                c.Id, c.CompanyName, c.CustomerName, c.ProviderName, c.Status, c.HealthFailureCount,
                c.LastHealthFailureKind, c.LastHealthFailureMessage, c.HealthCheckedAt, c.LastSyncedAt))
            .ToListAsync(cancellationToken);

        var settings = options.Value;
        var run = monitor.Run;
        var schedule = new HealthCheckSchedule(settings.Enabled, settings.Interval, settings.MaxRequestsPerMinute, run.LastPass, run.RunningSince, run.NextPassAt);
        return new HealthCheckReportResult.Ready(new HealthCheckOverview(
            schedule, liveCount, lastCheckedAt, byKind.OrderByDescending(t => t.LastWeek).ThenBy(t => t.Kind).ToList(), repeated, failingCount));
    }

    /// <summary>
    /// A connection's health-check state; null when the caller may not see health checks or the connection is not
    /// among their employers' (the two look the same, as everywhere).
    /// </summary>
    public async Task<ConnectionHealth?> ForConnectionAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ViewHealthChecks))
        {
            return null;
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking()
            .Where(c => c.Id == connectionId)
            .Select(c => new { c.HealthCheckedAt, c.HealthFailureCount, c.LastHealthFailureKind, c.LastHealthFailureMessage })
            .SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var recent = await db.HealthCheckFailures.AsNoTracking()
            .Where(f => f.ConnectionId == connectionId)
            .OrderByDescending(f => f.OccurredAt)
            .Take(RecentFailuresShown)
            .ToListAsync(cancellationToken);
        return new ConnectionHealth(
            connection.HealthCheckedAt, connection.HealthFailureCount, connection.LastHealthFailureKind, connection.LastHealthFailureMessage, recent);
    }
}
