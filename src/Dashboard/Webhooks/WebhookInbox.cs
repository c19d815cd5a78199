using System.Threading.Channels;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// The queue in webhook_events: stores verified webhooks, once per Finch-Event-Id, wakes the processor, and hands it
/// the pending ones. Storing is the path Finch waits on, so it skips the DbContext: deliveries arriving together are
/// written by a few writers as one multi-row INSERT each (one commit, one WAL flush for many events; measured by
/// ./benchmark-webhooks.sh), and each delivery is answered only once the statement holding its row has committed.
/// The hand-written SQL on webhook_events is all here, on the column names <see cref="WebhookEvent"/>'s mapping gives.
/// </summary>
public sealed class WebhookInbox : IAsyncDisposable
{
    /// <summary>Statements in flight at once; while they run, the next deliveries gather into the next statements.</summary>
    private const int Writers = 4;

    private const int MaxRowsPerStatement = 200;

    private const string Insert = """
        INSERT INTO webhook_events (event_id, event_type, received_at, sent_at, finch_connection_id, finch_entity_id,
                                    account_id, company_id, reported_status, authentication_method, job_id, body, state, attempts)
        SELECT e.*, 'Pending', 0
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::text[], $10::text[], $11::text[], $12::text[]) AS e
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly WebhookSignal _signal;
    private readonly TimeProvider _clock;
    private readonly Channel<ReceivedEvent> _queue = Channel.CreateUnbounded<ReceivedEvent>();
    private readonly Task[] _writers;

    public WebhookInbox(NpgsqlDataSource dataSource, WebhookSignal signal, TimeProvider clock)
    {
        _dataSource = dataSource;
        _signal = signal;
        _clock = clock;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Stores the event once committed; false when an event with this id is already stored (a repeated delivery).</summary>
    public Task<bool> StoreAsync(string eventId, DateTimeOffset sentAt, FinchWebhookPayload payload, string body)
    {
        var received = new ReceivedEvent(eventId, sentAt, _clock.GetUtcNow(), payload, body);
        if (!_queue.Writer.TryWrite(received))
        {
            throw new ObjectDisposedException(nameof(WebhookInbox), "The webhook inbox is shutting down.");
        }

        return received.Stored.Task;
    }

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

    private async Task WriteAsync()
    {
        var rows = new List<ReceivedEvent>(MaxRowsPerStatement);
        while (await _queue.Reader.WaitToReadAsync())
        {
            rows.Clear();
            while (rows.Count < MaxRowsPerStatement && _queue.Reader.TryRead(out var row))
            {
                rows.Add(row);
            }

            if (rows.Count == 0)
            {
                continue;
            }

            try
            {
                var inserted = await InsertAsync(rows);
                var anyStored = inserted.Count > 0;
                foreach (var row in rows)
                {
                    // Remove, so a second delivery of one id within the same statement is answered as the repeat it is.
                    row.Stored.TrySetResult(inserted.Remove(row.EventId));
                }

                if (anyStored)
                {
                    _signal.Notify();
                }
            }
            catch (Exception ex)
            {
                foreach (var row in rows)
                {
                    row.Stored.TrySetException(ex);
                }
            }
        }
    }

    private async Task<HashSet<string>> InsertAsync(List<ReceivedEvent> rows)
    {
        await using var command = _dataSource.CreateCommand(Insert);
        command.Parameters.Add(Texts(rows, r => r.EventId));
        command.Parameters.Add(Texts(rows, r => r.Payload.EventType));
        command.Parameters.Add(Times(rows, r => r.ReceivedAt));
        command.Parameters.Add(Times(rows, r => r.SentAt));
        command.Parameters.Add(Texts(rows, r => r.Payload.ConnectionId));
        command.Parameters.Add(Texts(rows, r => r.Payload.EntityId));
        command.Parameters.Add(Texts(rows, r => r.Payload.AccountId));
        command.Parameters.Add(Texts(rows, r => r.Payload.CompanyId));
        command.Parameters.Add(Texts(rows, r => r.Payload.Status));
        command.Parameters.Add(Texts(rows, r => r.Payload.AuthenticationMethod));
        command.Parameters.Add(Texts(rows, r => r.Payload.JobId));
        command.Parameters.Add(Texts(rows, r => r.Body));

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    private static NpgsqlParameter Texts(List<ReceivedEvent> rows, Func<ReceivedEvent, string?> value) =>
        new() { Value = rows.Select(value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Times(List<ReceivedEvent> rows, Func<ReceivedEvent, DateTimeOffset> value) =>
        new() { Value = rows.Select(value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    /// <summary>Lets the writers finish what was received, then stops them.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record ReceivedEvent(string EventId, DateTimeOffset SentAt, DateTimeOffset ReceivedAt, FinchWebhookPayload Payload, string Body)
    {
        public TaskCompletionSource<bool> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
