using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// Applies stored webhooks in the background. Each batch is claimed with <c>FOR UPDATE SKIP LOCKED</c> inside one
/// transaction, so several dashboard instances on one database share the queue and never apply an event twice; an
/// event's changes and its new state commit together. Woken by <see cref="WebhookSignal"/> for events this instance
/// received, and by a poll for the rest (other instances' events, those pending from before a restart).
/// </summary>
public sealed partial class WebhookProcessor(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    DashboardMetrics metrics,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    private const string Savepoint = "webhook_event";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ProcessingEnabled)
        {
            LogDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                BatchResult batch;
                do
                {
                    await YieldToIntakeAsync(settings.MaxApplyDelay, stoppingToken);
                    batch = await ProcessBatchAsync(stoppingToken);
                }
                // A full batch means more may be waiting, and so does one cut short after some progress; one with failures
                // waits for the next round before retrying.
                while (batch.Failed == 0 && (batch.Claimed == settings.BatchSize || (batch.Deferred > 0 && batch.Claimed > 0)));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, ex, settings.PollInterval);
            }

            await signal.WaitAsync(settings.PollInterval, stoppingToken);
        }
    }

    /// <summary>How long without a new delivery counts as a pause in a burst.</summary>
    private static readonly TimeSpan IntakeQuietPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// What a batch did: <paramref name="Claimed"/> events applied or attempted, <paramref name="Failed"/> of them failed,
    /// and <paramref name="Deferred"/> left pending for the next batch because Finch had not been asked about their job yet.
    /// </summary>
    public sealed record BatchResult(int Claimed, int Failed, int Deferred = 0);

    /// <summary>
    /// Waits while deliveries are still arriving, up to <paramref name="maxDelay"/>: storing what Finch sends, and
    /// answering it, comes before applying it. Outside bursts this costs at most one quiet period.
    /// </summary>
    private async Task YieldToIntakeAsync(TimeSpan maxDelay, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (waited < maxDelay && signal.NotifiedWithin(IntakeQuietPeriod))
        {
            await Task.Delay(IntakeQuietPeriod, clock, cancellationToken);
            waited += IntakeQuietPeriod;
        }
    }

    /// <summary>
    /// Claims up to a batch of pending events and applies them: all in one save when that works, the common case, and
    /// otherwise again one by one, so one bad event cannot hold back the rest. Returns what it claimed and how many failed.
    /// </summary>
    /// <remarks>
    /// A finished data sync is applied with Finch's word on how it ended, which can take seconds to get. It is asked for
    /// first, with no transaction open, for the data syncs among the events the claim will most likely take: the batch's
    /// connections are never locked while Finch answers, and each event still commits once, whole, in the order received.
    /// Asking after the commit instead would split an event over two transactions, with a state between them that a
    /// restart would have to resume. A claimed event nobody asked about (requeued meanwhile, or behind events another
    /// processor holds) ends the batch before it, and the next batch asks about it first.
    /// </remarks>
    public async Task<BatchResult> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        using var activity = DashboardMetrics.Tracing.StartActivity("Finch webhook apply");
        var jobOutcomes = await ReadJobOutcomesAsync(cancellationToken);
        var batch = await ApplyBatchAsync(oneByOne: false, jobOutcomes, cancellationToken)
            ?? (await ApplyBatchAsync(oneByOne: true, jobOutcomes, cancellationToken))!;
        metrics.WebhookEventsProcessed(DashboardMetrics.FinchWebhooks, batch.Claimed - batch.Failed, batch.Failed);
        activity?.SetTag("webhook.claimed", batch.Claimed).SetTag("webhook.failed", batch.Failed);
        return batch;
    }

    private async Task<Dictionary<string, FinchAutomatedJob?>> ReadJobOutcomesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        var jobEvents = await WebhookInbox.PeekJobEventsAsync(db, options.Value.BatchSize, cancellationToken);
        return jobEvents.Count == 0
            ? []
            : await scope.ServiceProvider.GetRequiredService<WebhookApplier>().ReadJobOutcomesAsync(db, jobEvents, cancellationToken);
    }

    /// <summary>Null when applying the batch in one save failed and nothing was kept.</summary>
    private async Task<BatchResult?> ApplyBatchAsync(
        bool oneByOne, IReadOnlyDictionary<string, FinchAutomatedJob?> jobOutcomes, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var applier = scope.ServiceProvider.GetRequiredService<WebhookApplier>();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        // One by one, each event gets its own savepoint below; EF's automatic one per SaveChanges would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var claimed = await WebhookInbox.ClaimAsync(db, settings.BatchSize, cancellationToken);
        var batch = claimed.TakeWhile(w => !w.NeedsJobOutcome() || jobOutcomes.ContainsKey(w.EventId)).ToList();
        var deferred = claimed.Count - batch.Count;

        // The batch's connections are locked in one statement, in one order, so two processors whose batches share
        // connections wait for each other instead of deadlocking halfway.
        var finchConnectionIds = batch.Select(w => w.FinchConnectionId).OfType<string>().Distinct().ToArray();
        var connections = finchConnectionIds.Length == 0
            ? []
            : await ConnectionSaveLock.LockByFinchIdAsync(db, finchConnectionIds, cancellationToken);

        if (!oneByOne)
        {
            try
            {
                foreach (var webhook in batch)
                {
                    webhook.Attempts++;
                    await applier.ApplyAsync(db, webhook, connections, jobOutcomes, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new BatchResult(batch.Count, 0, deferred);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogBatchRetriedOneByOne(logger, ex, batch.Count);
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
        }

        var failed = 0;
        foreach (var webhook in batch)
        {
            var attempt = webhook.Attempts + 1;
            webhook.Attempts = attempt;
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            try
            {
                await applier.ApplyAsync(db, webhook, connections, jobOutcomes, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                await ForgetAsync(db, webhook, connections.Values, cancellationToken);
                var givingUp = attempt >= settings.MaxAttempts;
                webhook.Attempts = attempt;
                webhook.RecordFailedAttempt($"Attempt {attempt} of {settings.MaxAttempts} failed: {ex.GetType().Name}: {ex.Message}", givingUp, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                LogEventFailed(logger, ex, webhook.EventId, webhook.EventType, attempt, settings.MaxAttempts);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new BatchResult(batch.Count, failed, deferred);
    }

    /// <summary>
    /// Drops what the failed event staged: new rows are let go, and the event and the batch's connections are read
    /// back as they stand in the database after the rollback to the savepoint.
    /// </summary>
    private static async Task ForgetAsync(
        DashboardDbContext db, WebhookEvent webhook, IEnumerable<Connection> connections, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not (WebhookEvent or Connection)).ToList())
        {
            entry.State = EntityState.Detached;
        }

        await db.Entry(webhook).ReloadAsync(cancellationToken);
        foreach (var connection in connections)
        {
            await db.Entry(connection).ReloadAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook processing is off on this instance (Webhooks:ProcessingEnabled); events are stored for another instance to apply")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying webhooks failed; trying again within {PollInterval}")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, TimeSpan pollInterval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying {Count} webhooks in one save failed; applying them one by one")]
    private static partial void LogBatchRetriedOneByOne(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {EventId} ({EventType}) could not be applied (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string eventId, string eventType, int attempt, int maxAttempts);
}
