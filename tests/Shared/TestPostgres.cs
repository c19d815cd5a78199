using Npgsql;

namespace FinchDashboard.Tests;

/// <summary>
/// Creates a fresh database per test fixture on the PostgreSQL server that ./test.sh starts. The server's connection
/// string comes from FINCHDASHBOARD_TEST_POSTGRES; without it the tests fail loudly rather than skip.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "FINCHDASHBOARD_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests through ./test.sh, which starts a throwaway PostgreSQL, " +
                "or set it to a server connection string such as Host=127.0.0.1;Port=5432;Username=postgres.");

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres" };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }
}
