using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Jobs;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// Applies one stored webhook to the connection it names, staging every change (the connection, its entities, the
/// timeline, the audit record and the event's own outcome) on the caller's context, so they commit together.
/// </summary>
public sealed partial class WebhookApplier(
    FinchConnectionClient finch,
    ConnectionTokens tokens,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<WebhookApplier> logger)
{
    public const string Actor = "Finch";

    /// <summary>
    /// How long a job event waits for Finch to say how the job ended. Short because the events behind it wait too;
    /// without an answer the sync is recorded without a time.
    /// </summary>
    private static readonly TimeSpan JobLookupTimeout = TimeSpan.FromSeconds(5);

    private static readonly AuditActor WebhookActor = AuditActor.System("Finch webhook");

    /// <summary>
    /// Applies <paramref name="webhook"/>. <paramref name="connections"/> holds the batch's connections by Finch
    /// connection id, tracked by <paramref name="db"/> and locked by the caller until it commits, so no other processor
    /// applies a report to the same connection meanwhile. <paramref name="jobOutcomes"/> holds what
    /// <see cref="ReadJobOutcomesAsync"/> read for every event that <see cref="WebhookEvent.NeedsJobOutcome"/>.
    /// </summary>
    public async Task ApplyAsync(
        DashboardDbContext db,
        WebhookEvent webhook,
        IReadOnlyDictionary<string, Connection> connections,
        IReadOnlyDictionary<string, FinchAutomatedJob?> jobOutcomes,
        CancellationToken cancellationToken)
    {
        var payload = FinchWebhookPayload.Of(webhook);
        if (payload.Kind == FinchWebhookKind.Other)
        {
            Finish(webhook, WebhookEventState.Ignored, $"{payload.EventType} is not an event the dashboard acts on.");
            return;
        }

        var connection = payload.ConnectionId is null ? null : connections.GetValueOrDefault(payload.ConnectionId);
        if (connection is null)
        {
            LogUnmatched(logger, webhook.EventId, webhook.EventType, payload.ConnectionId ?? "(none)");
            Finish(webhook, WebhookEventState.Unmatched, payload.ConnectionId is null
                ? "The event names no connection_id."
                : $"No stored connection has Finch connection id {payload.ConnectionId}.");
            return;
        }

        webhook.MatchTo(connection);
        var result = payload.Kind switch
        {
            FinchWebhookKind.AccountUpdated when payload.EntityId is not null => await EntityUpdatedAsync(db, webhook, payload, connection, cancellationToken),
            FinchWebhookKind.AccountUpdated => await AccountUpdatedAsync(db, webhook, payload, connection, cancellationToken),
            FinchWebhookKind.JobFinished => await JobFinishedAsync(db, webhook, payload, connection, jobOutcomes, cancellationToken),
            _ => DataChanged(webhook, payload),
        };

        Finish(webhook, result.State, result.Outcome);
        if (result.Timeline is not null)
        {
            db.ConnectionEvents.Add(Timeline.Event(connection, webhook.SentAt, result.Timeline, Actor));
        }

        if (result.State == WebhookEventState.Applied)
        {
            audit.Stage(db, WebhookActor, new AuditEntry(AuditAction.WebhookApplied, AuditOutcome.Succeeded, "connection", connection.Id.ToString(), connection.EmployerId)
            {
                Detail = $"{webhook.EventType} {webhook.EventId}: {result.Outcome}",
            });
        }
    }

    private sealed record Result(WebhookEventState State, string Outcome, string? Timeline = null);

    private async Task<Result> AccountUpdatedAsync(
        DashboardDbContext db, WebhookEvent webhook, FinchWebhookPayload payload, Connection connection, CancellationToken cancellationToken)
    {
        if (!ConnectionStatuses.TryParseWireName(payload.Status, out var status))
        {
            return new(WebhookEventState.Ignored, $"Status \"{payload.Status}\" is not a connection status the dashboard knows.");
        }

        if (NotCurrent(webhook, connection.StatusReportedAt, connection.RefreshedAt, "status") is { } stale)
        {
            return stale;
        }

        if (connection.State == ConnectionState.Disconnected)
        {
            return new(WebhookEventState.Ignored, "The connection is disconnected; a disconnected connection cannot come back.");
        }

        var previous = connection.Status;
        connection.ApplyStatusReport(status, webhook.SentAt, webhook.ReceivedAt);
        if (payload.AuthenticationMethod is { } methodName && ConnectionTypes.TryParseAuthenticationMethod(methodName, out var methodType))
        {
            await db.ConnectionAuthenticationMethods
                .Where(m => m.ConnectionId == connection.Id && m.Type == methodType)
                .ForEachAsync(m => m.ReportStatus(status), cancellationToken);
        }

        if (status == previous)
        {
            return new(WebhookEventState.Applied, $"Status confirmed: {status.DisplayName()}.");
        }

        if (status == ConnectionStatus.Disconnected)
        {
            // An ended connection keeps no token; it goes in the same transaction as the rest.
            await tokens.DiscardAsync(db, connection.Id, cancellationToken);
            return new(WebhookEventState.Applied, $"Connection disconnected (was {previous.DisplayName()}).", "Finch reports the connection disconnected");
        }

        var change = $"Status changed from {previous.DisplayName()} to {status.DisplayName()}";
        return new(WebhookEventState.Applied, change + ".", $"Finch reports: {change}");
    }

    private async Task<Result> EntityUpdatedAsync(
        DashboardDbContext db, WebhookEvent webhook, FinchWebhookPayload payload, Connection connection, CancellationToken cancellationToken)
    {
        if (!ConnectionStatuses.TryParseWireName(payload.Status, out var status))
        {
            return new(WebhookEventState.Ignored, $"Status \"{payload.Status}\" is not an entity status the dashboard knows.");
        }

        var entities = await db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        var entity = entities.FirstOrDefault(e => e.FinchEntityId == payload.EntityId);
        if (entity is null)
        {
            return new(WebhookEventState.Ignored, $"Entity {payload.EntityId} is not stored for this connection; Refresh from Finch reads new entities.");
        }

        if (NotCurrent(webhook, entity.StatusReportedAt, connection.RefreshedAt, "entity status") is { } stale)
        {
            return stale;
        }

        var name = entity.Name ?? entity.FinchEntityId;
        var changed = entity.Status != status.WireName();
        var ended = connection.ApplyEntityStatusReport(entity, status, webhook.SentAt, webhook.ReceivedAt, entities);
        var change = !changed ? $"Entity {name} status confirmed: {status.DisplayName()}"
            : status == ConnectionStatus.Disconnected ? $"Entity {name} disconnected"
            : $"Entity {name} is now {status.DisplayName()}";
        if (ended)
        {
            // An ended connection keeps no token; it goes in the same transaction as the rest.
            await tokens.DiscardAsync(db, connection.Id, cancellationToken);
            return new(WebhookEventState.Applied, change + "; no entity is left, so the connection is disconnected.",
                $"Finch reports: {change}; no entity is left, so the connection is disconnected");
        }

        if (!changed)
        {
            return new(WebhookEventState.Applied, change + ".");
        }

        return new(WebhookEventState.Applied, change + ".", $"Finch reports: {change}");
    }

    private async Task<Result> JobFinishedAsync(
        DashboardDbContext db, WebhookEvent webhook, FinchWebhookPayload payload, Connection connection,
        IReadOnlyDictionary<string, FinchAutomatedJob?> jobOutcomes, CancellationToken cancellationToken)
    {
        var job = payload.JobType!.Replace('_', ' ');
        if (payload.JobSucceeded)
        {
            connection.RecordSync(webhook.SentAt);
            return new(WebhookEventState.Applied, $"Finch finished the {job} job; last sync recorded.", $"Finch finished the {job} job");
        }

        if (!webhook.NeedsJobOutcome())
        {
            return new(WebhookEventState.Applied, $"Finch finished a {job} job.", $"Finch finished a {job} job");
        }

        var outcome = jobOutcomes[webhook.EventId];
        if (outcome is null)
        {
            return new(WebhookEventState.Applied, "Finch finished a data sync; how it ended could not be read from Finch.", "Finch finished a data sync");
        }

        // The stored job moves with it, so the connection page shows how it ended; a completed one moves the last sync.
        await AutomatedJobReports.ApplyAsync(db, connection, [outcome], clock.GetUtcNow(), cancellationToken);
        if (outcome.Status == "complete")
        {
            return new(WebhookEventState.Applied, "Data sync complete; last sync recorded.", "Finch completed a data sync");
        }

        return new(WebhookEventState.Applied, $"Data sync ended with {outcome.Status}.", $"Finch's data sync ended with {outcome.Status.Replace('_', ' ')}");
    }

    /// <summary>
    /// Asks Finch how the jobs of <paramref name="webhooks"/> ended, by event id; null where Finch could not say (no
    /// token, no answer in time, an error). Called with no transaction open: the answer can take seconds.
    /// </summary>
    public async Task<Dictionary<string, FinchAutomatedJob?>> ReadJobOutcomesAsync(
        DashboardDbContext db, IReadOnlyCollection<WebhookEvent> webhooks, CancellationToken cancellationToken)
    {
        var finchConnectionIds = webhooks.Select(w => w.FinchConnectionId).OfType<string>().Distinct().ToArray();
        var connectionIds = await db.Connections
            .IgnoreQueryFilters()
            .Where(c => finchConnectionIds.Contains(c.FinchConnectionId))
            .ToDictionaryAsync(c => c.FinchConnectionId!, c => c.Id, cancellationToken);

        var outcomes = new Dictionary<string, FinchAutomatedJob?>();
        foreach (var webhook in webhooks)
        {
            outcomes[webhook.EventId] = webhook.FinchConnectionId is { } finchId && connectionIds.TryGetValue(finchId, out var connectionId)
                ? await ReadJobAsync(db, connectionId, webhook.JobId!, cancellationToken)
                : null;
        }

        return outcomes;
    }

    private async Task<FinchAutomatedJob?> ReadJobAsync(DashboardDbContext db, Guid connectionId, string jobId, CancellationToken cancellationToken)
    {
        if (await tokens.FindAsync(db, connectionId, cancellationToken) is not { } token)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(JobLookupTimeout);
        try
        {
            var result = await finch.GetAutomatedJobAsync(token, jobId, timeout.Token);
            return result.IsSuccess ? result.Value : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Result DataChanged(WebhookEvent webhook, FinchWebhookPayload payload)
    {
        var subject = payload.DataEndpoint switch
        {
            "company" => "company",
            "payment" => "payment",
            "pay_statement" => "pay statement",
            _ => "employee",
        };
        var note = $"Finch reports {subject} data changed ({webhook.EventType})";
        return new(WebhookEventState.Applied, note + ".", note);
    }

    /// <summary>Null when the report is current; otherwise why it is not applied.</summary>
    private static Result? NotCurrent(WebhookEvent webhook, DateTimeOffset? heldSince, DateTimeOffset? lastReadAt, string what) =>
        StatusReports.Judge(webhook.SentAt, webhook.ReceivedAt, heldSince, lastReadAt) switch
        {
            StatusReportVerdict.ReflectedInReading => new(WebhookEventState.Ignored,
                $"Already reflected in the {what} read from Finch at {lastReadAt:u}, after this event arrived; not applied."),
            StatusReportVerdict.OlderThanHeld => new(WebhookEventState.Ignored,
                $"Older than the {what} already held (reported {heldSince:u}); not applied."),
            _ => null,
        };

    private void Finish(WebhookEvent webhook, WebhookEventState state, string outcome) => webhook.Finish(state, outcome, clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} ({EventType}) matches no stored connection (Finch connection id {FinchConnectionId}); kept as Unmatched")]
    private static partial void LogUnmatched(ILogger logger, string eventId, string eventType, string finchConnectionId);
}
