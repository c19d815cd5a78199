using System.Diagnostics.Metrics;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// Samples how many stored webhook events wait, and since when, for the queue gauges. A gauge is read synchronously
/// whenever a listener collects, so it reports the last sample instead of querying then. Every instance samples the
/// one shared queue; the partial "pending" indexes keep each inbox's sample one index read.
/// </summary>
public sealed partial class WebhookQueueSampler : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<WebhookQueueSampler> logger;
    private volatile Sample _finch = Sample.None;
    private volatile Sample _stripe = Sample.None;

    public WebhookQueueSampler(IServiceScopeFactory scopes, TimeProvider clock, DashboardMetrics metrics, ILogger<WebhookQueueSampler> logger)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;
        metrics.ObserveWebhookQueue(Depth, OldestAge);
    }

    private sealed record Sample(int Depth, DateTimeOffset? Oldest)
    {
        public static readonly Sample None = new(0, null);
    }

    public IEnumerable<Measurement<int>> Depth() =>
    [
        new(_finch.Depth, new KeyValuePair<string, object?>(DashboardMetrics.SourceTag, DashboardMetrics.FinchWebhooks)),
        new(_stripe.Depth, new KeyValuePair<string, object?>(DashboardMetrics.SourceTag, DashboardMetrics.StripeWebhooks)),
    ];

    public IEnumerable<Measurement<double>> OldestAge()
    {
        var now = clock.GetUtcNow();
        return
        [
            new(Age(_finch, now), new KeyValuePair<string, object?>(DashboardMetrics.SourceTag, DashboardMetrics.FinchWebhooks)),
            new(Age(_stripe, now), new KeyValuePair<string, object?>(DashboardMetrics.SourceTag, DashboardMetrics.StripeWebhooks)),
        ];
    }

    /// <summary>Takes one sample of both inboxes now.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        _finch = await PendingAsync(db.WebhookEvents.Where(w => w.State == WebhookEventState.Pending).Select(w => w.ReceivedAt), cancellationToken);
        _stripe = await PendingAsync(db.StripeWebhookEvents.Where(w => w.State == WebhookEventState.Pending).Select(w => w.ReceivedAt), cancellationToken);
    }

    // The count and the oldest in one statement: one group, or none (so no row) for an empty inbox.
    private static async Task<Sample> PendingAsync(IQueryable<DateTimeOffset> receivedAt, CancellationToken cancellationToken) =>
        await receivedAt.GroupBy(_ => 1).Select(g => new Sample(g.Count(), g.Min())).SingleOrDefaultAsync(cancellationToken) ?? Sample.None;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The readiness check reports the database; the gauges keep their last sample meanwhile.
                LogSampleFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static double Age(Sample sample, DateTimeOffset now) =>
        sample.Oldest is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample the webhook queues for the metrics")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
