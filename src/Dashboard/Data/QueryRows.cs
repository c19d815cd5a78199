using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Runs EF Core's own SQL for a query (its query filters, so the caller's employer scope, included) and reads the rows
/// with a plain data reader. For the lists that is the total and the page in one round trip, where EF Core sends each
/// query on its own and waits twice; for the exports it is each row read straight from the reader.
/// </summary>
public static class QueryRows
{
    /// <summary>How many rows <paramref name="matching"/> finds and the rows of <paramref name="page"/>, in one round trip.</summary>
    /// <param name="read">Reads one row of <paramref name="page"/>'s projection, in its column order.</param>
    public static async Task<Page<T>> PageAsync<TEntity, T>(
        this DbContext db, IQueryable<TEntity> matching, IQueryable<T> page, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var count = matching.Select(_ => 1).CreateDbCommand();
        await using var rows = page.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
        {
            BatchCommands = { Copy($"SELECT count(*)::int FROM ({count.CommandText}) AS matching", count), Copy(rows.CommandText, rows) },
            Timeout = rows.CommandTimeout,
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt32(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        return new Page<T>(items, total);
    }

    /// <summary>The rows of <paramref name="query"/> as they arrive, one in memory at a time.</summary>
    /// <param name="read">Reads one row of <paramref name="query"/>'s projection, in its column order.</param>
    public static async IAsyncEnumerable<T> StreamAsync<T>(
        this DbContext db, IQueryable<T> query, Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return read(reader);
        }
    }

    private static NpgsqlBatchCommand Copy(string sql, DbCommand command)
    {
        var copy = new NpgsqlBatchCommand(sql);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        return copy;
    }
}
