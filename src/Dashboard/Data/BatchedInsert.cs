using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Inserts rows that callers hand in one at a time, many per statement: a few writers drain a queue, each writing what
/// has gathered as one multi-row INSERT (one commit, one WAL flush for many rows, and a handful of connections however
/// many callers wait), and each caller is answered only once the statement holding its row has committed. The statement
/// reads the rows from array parameters, skips rows whose key is already stored (<c>ON CONFLICT DO NOTHING</c>) and
/// returns the key of each row it inserted (<c>RETURNING</c>), so every caller learns whether its row was new.
/// </summary>
public sealed class BatchedInsert<TRow> : IAsyncDisposable
{
    /// <summary>Statements in flight at once; while they run, the next rows gather into the next statements.</summary>
    private const int Writers = 4;

    private const int MaxRowsPerStatement = 200;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _insert;
    private readonly Func<TRow, string> _key;
    private readonly Func<IReadOnlyList<TRow>, IEnumerable<NpgsqlParameter>> _bind;
    private readonly Action _stored;
    private readonly Channel<PendingRow> _queue = Channel.CreateUnbounded<PendingRow>();
    private readonly Task[] _writers;

    /// <param name="insert">The INSERT, reading the rows from the parameters <paramref name="bind"/> gives and returning the key of each row it inserted.</param>
    /// <param name="key">The key the statement returns for the row.</param>
    /// <param name="bind">The statement's parameters for a batch of rows: one array per column, in the rows' order.</param>
    /// <param name="stored">Called after each statement that inserted at least one row.</param>
    public BatchedInsert(NpgsqlDataSource dataSource, string insert, Func<TRow, string> key,
        Func<IReadOnlyList<TRow>, IEnumerable<NpgsqlParameter>> bind, Action stored)
    {
        _dataSource = dataSource;
        _insert = insert;
        _key = key;
        _bind = bind;
        _stored = stored;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>True once the row is committed; false when a row with its key is already stored.</summary>
    public Task<bool> StoreAsync(TRow row)
    {
        var pending = new PendingRow(row);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BatchedInsert<TRow>), "Nothing more is stored: the application is shutting down.");
        }

        return pending.Stored.Task;
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingRow>(MaxRowsPerStatement);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxRowsPerStatement && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var inserted = await InsertAsync(batch);
                var anyStored = inserted.Count > 0;
                foreach (var pending in batch)
                {
                    // Remove, so a second row with one key within the same statement is answered as the repeat it is.
                    pending.Stored.TrySetResult(inserted.Remove(_key(pending.Row)));
                }

                if (anyStored)
                {
                    _stored();
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetException(ex);
                }
            }
        }
    }

    private async Task<HashSet<string>> InsertAsync(List<PendingRow> batch)
    {
        await using var command = _dataSource.CreateCommand(_insert);
        // In key order, so concurrent statements whose rows share keys (repeated deliveries) take the keys' locks in the
        // same order and wait for each other instead of deadlocking.
        foreach (var parameter in _bind([.. batch.Select(pending => pending.Row).OrderBy(_key, StringComparer.Ordinal)]))
        {
            command.Parameters.Add(parameter);
        }

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            inserted.Add(reader.GetString(0));
        }

        return inserted;
    }

    /// <summary>Lets the writers finish what was handed in, then stops them.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record PendingRow(TRow Row)
    {
        public TaskCompletionSource<bool> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The array parameters a <see cref="BatchedInsert{TRow}"/> statement reads its columns from.</summary>
public static class BatchedInsert
{
    public static NpgsqlParameter Texts<TRow>(IReadOnlyList<TRow> rows, Func<TRow, string?> value) =>
        new() { Value = rows.Select(value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static NpgsqlParameter Times<TRow>(IReadOnlyList<TRow> rows, Func<TRow, DateTimeOffset> value) =>
        new() { Value = rows.Select(value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
}
