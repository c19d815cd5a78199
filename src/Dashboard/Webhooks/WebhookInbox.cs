using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// The queue in webhook_events: stores verified webhooks, once per Finch-Event-Id, wakes the processor, and hands it
/// the pending ones. Storing is the path Finch waits on, so it skips the DbContext: deliveries arriving together are
/// written through <see cref="BatchedInsert{TRow}"/> as one multi-row INSERT (one commit, one WAL flush for many events;
/// measured by ./benchmark-webhooks.sh), and each delivery is answered only once the statement holding its row has committed.
/// The hand-written SQL on webhook_events is all here, on the column names <see cref="WebhookEvent"/>'s mapping gives.
/// </summary>
public sealed class WebhookInbox : IAsyncDisposable
{
    private const string Insert = """
        INSERT INTO webhook_events (event_id, event_type, received_at, sent_at, finch_connection_id, finch_entity_id,
                                    account_id, company_id, reported_status, authentication_method, job_id, body, state, attempts)
        SELECT e.*, 'Pending', 0
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::text[]) AS e
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
        """;

    private readonly BatchedInsert<ReceivedEvent> _events;
    private readonly TimeProvider _clock;

    public WebhookInbox(NpgsqlDataSource dataSource, WebhookSignal signal, TimeProvider clock)
    {
        _events = new BatchedInsert<ReceivedEvent>(dataSource, Insert, e => e.EventId, Bind, signal.Notify);
        _clock = clock;
    }

    /// <summary>Stores the event once committed; false when an event with this id is already stored (a repeated delivery).</summary>
    public Task<bool> StoreAsync(string eventId, DateTimeOffset sentAt, FinchWebhookPayload payload, string body) =>
        _events.StoreAsync(new ReceivedEvent(eventId, sentAt, _clock.GetUtcNow(), payload, body));

    /// <summary>
    /// Claims the next <paramref name="count"/> pending events, oldest first, for the caller's transaction: locked until
    /// it ends, and skipped meanwhile by other processors, which claim the events after them.
    /// </summary>
    public static Task<List<WebhookEvent>> ClaimAsync(DashboardDbContext db, int count, CancellationToken cancellationToken) =>
        db.WebhookEvents
            .FromSql($"SELECT * FROM webhook_events WHERE state = 'Pending' ORDER BY received_at LIMIT {count} FOR UPDATE SKIP LOCKED")
            .IgnoreQueryFilters()
            .ToListAsync(cancellationToken);

    /// <summary>Those of the next <paramref name="count"/> pending events whose job only Finch can say the end of; nothing is locked.</summary>
    public static Task<List<WebhookEvent>> PeekJobEventsAsync(DashboardDbContext db, int count, CancellationToken cancellationToken) =>
        db.WebhookEvents
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(w => w.State == WebhookEventState.Pending)
            .OrderBy(w => w.ReceivedAt)
            .Take(count)
            .Where(WebhookEvent.NeedingJobOutcome)
            .ToListAsync(cancellationToken);

    private static IEnumerable<NpgsqlParameter> Bind(IReadOnlyList<ReceivedEvent> events) =>
    [
        BatchedInsert.Texts(events, e => e.EventId),
        BatchedInsert.Texts(events, e => e.Payload.EventType),
        BatchedInsert.Times(events, e => e.ReceivedAt),
        BatchedInsert.Times(events, e => e.SentAt),
        BatchedInsert.Texts(events, e => e.Payload.ConnectionId),
        BatchedInsert.Texts(events, e => e.Payload.EntityId),
        BatchedInsert.Texts(events, e => e.Payload.AccountId),
        BatchedInsert.Texts(events, e => e.Payload.CompanyId),
        BatchedInsert.Texts(events, e => e.Payload.Status),
        BatchedInsert.Texts(events, e => e.Payload.AuthenticationMethod),
        BatchedInsert.Texts(events, e => e.Payload.JobId),
        BatchedInsert.Texts(events, e => e.Body),
    ];

    /// <summary>Lets the writers finish what was received, then stops them.</summary>
    public ValueTask DisposeAsync() => _events.DisposeAsync();

    private sealed record ReceivedEvent(string EventId, DateTimeOffset SentAt, DateTimeOffset ReceivedAt, FinchWebhookPayload Payload, string Body);
}
