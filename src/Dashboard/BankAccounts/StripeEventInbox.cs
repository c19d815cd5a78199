using FinchDashboard.Dashboard.Webhooks;
using Npgsql;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// Stores verified Stripe events in stripe_webhook_events, once per event id, and wakes
/// <see cref="StripeEventProcessor"/>; a repeated delivery stores nothing.
/// </summary>
public sealed class StripeEventInbox(NpgsqlDataSource dataSource, [FromKeyedServices(StripeEventInbox.SignalKey)] WebhookSignal signal, TimeProvider clock)
{
    /// <summary>The key of this inbox's <see cref="WebhookSignal"/>: Stripe's events wake Stripe's processor only.</summary>
    public const string SignalKey = "stripe";

    private const string Insert = """
        INSERT INTO stripe_webhook_events (event_id, event_type, created_at, received_at, body, state, attempts)
        VALUES ($1, $2, $3, $4, $5, 'Pending', 0)
        ON CONFLICT (event_id) DO NOTHING
        """;

    /// <summary>Stores the event once committed; false when one with this id is already stored.</summary>
    public async Task<bool> StoreAsync(string eventId, string eventType, DateTimeOffset createdAt, string body, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = eventType });
        command.Parameters.Add(new NpgsqlParameter { Value = createdAt });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        var stored = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (stored)
        {
            signal.Notify();
        }

        return stored;
    }
}
