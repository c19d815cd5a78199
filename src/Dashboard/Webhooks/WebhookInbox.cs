using Npgsql;
using NpgsqlTypes;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// Stores verified webhooks in webhook_events, once per Finch-Event-Id, and wakes the processor. One raw INSERT on the
/// shared data source rather than a DbContext: this is the hot path Finch waits on, and the row is all it writes.
/// </summary>
public sealed class WebhookInbox(NpgsqlDataSource dataSource, WebhookSignal signal, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO webhook_events (event_id, event_type, received_at, sent_at, finch_connection_id, finch_entity_id,
                                    account_id, company_id, body, state, attempts)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'Pending', 0)
        ON CONFLICT (event_id) DO NOTHING
        """;

    /// <summary>Stores the event; false when an event with this id is already stored (a repeated delivery).</summary>
    public async Task<bool> StoreAsync(string eventId, DateTimeOffset sentAt, FinchWebhookPayload payload, string body, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload.EventType });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = sentAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(payload.ConnectionId));
        command.Parameters.Add(Text(payload.EntityId));
        command.Parameters.Add(Text(payload.AccountId));
        command.Parameters.Add(Text(payload.CompanyId));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = body });
        var stored = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (stored)
        {
            signal.Notify();
        }

        return stored;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
