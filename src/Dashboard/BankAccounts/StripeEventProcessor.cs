using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// Applies stored Stripe events in the background, as <see cref="WebhookProcessor"/> does Finch's and with its settings
/// (<see cref="WebhookOptions"/>): batches claimed with <c>FOR UPDATE SKIP LOCKED</c>, each event in its own savepoint so a
/// bad one cannot hold back the rest, retried up to MaxAttempts; woken by the inbox, and polled for the rest.
/// </summary>
public sealed partial class StripeEventProcessor(
    IServiceScopeFactory scopes,
    [FromKeyedServices(StripeEventInbox.SignalKey)] WebhookSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    DashboardMetrics metrics,
    ILogger<StripeEventProcessor> logger) : BackgroundService
{
    private const string Savepoint = "stripe_event";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ProcessingEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int claimed;
                do
                {
                    claimed = await ProcessBatchAsync(stoppingToken);
                }
                while (claimed == settings.BatchSize);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, ex, settings.PollInterval);
            }

            await signal.WaitAsync(settings.PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims and applies up to a batch of pending events; returns how many it claimed.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var activity = DashboardMetrics.Tracing.StartActivity("Stripe webhook apply");
        await using var scope = scopes.CreateAsyncScope();
        var applier = scope.ServiceProvider.GetRequiredService<StripeEventApplier>();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await db.StripeWebhookEvents
            .FromSql($"SELECT * FROM stripe_webhook_events WHERE state = 'Pending' ORDER BY received_at LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        var failed = 0;
        foreach (var stored in batch)
        {
            var attempt = stored.Attempts + 1;
            stored.Attempts = attempt;
            await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
            try
            {
                await applier.ApplyAsync(db, stored, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is not StripeWebhookEvent).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                await db.Entry(stored).ReloadAsync(cancellationToken);
                var givingUp = attempt >= settings.MaxAttempts;
                stored.Attempts = attempt;
                stored.RecordFailedAttempt($"Attempt {attempt} of {settings.MaxAttempts} failed: {ex.GetType().Name}: {ex.Message}", givingUp, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                LogEventFailed(logger, ex, stored.EventId, stored.EventType, attempt, settings.MaxAttempts);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.WebhookEventsProcessed(DashboardMetrics.StripeWebhooks, batch.Count - failed, failed);
        activity?.SetTag("webhook.claimed", batch.Count).SetTag("webhook.failed", failed);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying Stripe events failed; trying again within {PollInterval}")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, TimeSpan pollInterval);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stripe event {EventId} ({EventType}) could not be applied (attempt {Attempt} of {MaxAttempts})")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, string eventId, string eventType, int attempt, int maxAttempts);
}
