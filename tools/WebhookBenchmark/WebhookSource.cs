using System.Globalization;
using Npgsql;

/// <summary>
/// One provider's side of the benchmark: what it seeds, the deliveries it sends and where, the table its events are
/// stored in, and the checks of what applying them did. The sender loop, the timing, the verify-only baseline and the
/// checks every provider shares are the benchmark's own (Program.cs).
/// </summary>
internal interface IWebhookSource
{
    string Name { get; }

    /// <summary>The dashboard's endpoint for this provider's webhooks.</summary>
    string Path { get; }

    /// <summary>The verify-only server's path that checks this provider's signature and stores nothing.</summary>
    string VerifyOnlyPath { get; }

    /// <summary>Where the dashboard stores this provider's events, one row per event id, with their state.</summary>
    string EventsTable { get; }

    /// <summary>Fills the empty, migrated database with what the deliveries are about.</summary>
    Task SeedAsync(string connectionString);

    /// <summary><paramref name="count"/> signed deliveries, each a new event whose id starts with <paramref name="prefix"/>.</summary>
    List<Delivery> Deliveries(int count, string prefix);

    /// <summary>Checks of what applying the events did, beyond those every provider shares.</summary>
    Task<IReadOnlyList<Check>> AppliedChecksAsync(NpgsqlDataSource dataSource, long applied);
}

/// <summary>One webhook request: the event id, its provider's headers (signature included) and its exact body.</summary>
internal sealed record Delivery(string EventId, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>One printed line of the database checks; <see cref="Met"/> null when it is information, not a target.</summary>
internal sealed record Check(string Measure, string Value, string Target, bool? Met);

internal static class Database
{
    /// <summary>The count <paramref name="sql"/> returns; <paramref name="parameter"/>, if any, is its <c>$1</c>.</summary>
    public static async Task<long> ScalarAsync(this NpgsqlDataSource dataSource, string sql, object? parameter = null)
    {
        await using var command = dataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
