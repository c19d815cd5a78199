using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Webhooks;
using Npgsql;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// Stores verified Stripe events in stripe_webhook_events, once per event id, and wakes
/// <see cref="StripeEventProcessor"/>; a repeated delivery stores nothing. Deliveries arriving together are written
/// through <see cref="BatchedInsert{TRow}"/>, as Finch's are: a burst holds a few connections, not one per delivery.
/// </summary>
public sealed class StripeEventInbox(NpgsqlDataSource dataSource, [FromKeyedServices(StripeEventInbox.SignalKey)] WebhookSignal signal, TimeProvider clock)
    : IAsyncDisposable
{
    /// <summary>The key of this inbox's <see cref="WebhookSignal"/>: Stripe's events wake Stripe's processor only.</summary>
    public const string SignalKey = "stripe";

    private const string Insert = """
        INSERT INTO stripe_webhook_events (event_id, event_type, created_at, received_at, body, state, attempts)
        SELECT e.*, 'Pending', 0
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[]) AS e
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
        """;

    private readonly BatchedInsert<ReceivedEvent> _events = new(dataSource, Insert, e => e.EventId, Bind, signal.Notify);

    /// <summary>Stores the event once committed; false when one with this id is already stored.</summary>
    public Task<bool> StoreAsync(string eventId, string eventType, DateTimeOffset createdAt, string body) =>
        _events.StoreAsync(new ReceivedEvent(eventId, eventType, createdAt, clock.GetUtcNow(), body));

    private static IEnumerable<NpgsqlParameter> Bind(IReadOnlyList<ReceivedEvent> events) =>
    [
        BatchedInsert.Texts(events, e => e.EventId),
        BatchedInsert.Texts(events, e => e.EventType),
        BatchedInsert.Times(events, e => e.CreatedAt),
        BatchedInsert.Times(events, e => e.ReceivedAt),
        BatchedInsert.Texts(events, e => e.Body),
    ];

    /// <summary>Lets the writers finish what was received, then stops them.</summary>
    public ValueTask DisposeAsync() => _events.DisposeAsync();

    private sealed record ReceivedEvent(string EventId, string EventType, DateTimeOffset CreatedAt, DateTimeOffset ReceivedAt, string Body);
}
