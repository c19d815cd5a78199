using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Domain.Employers;
using Npgsql;
using NpgsqlTypes;

namespace FinchDashboard.Benchmark;

/// <summary>Loads N generated connections with their entities, methods and events through PostgreSQL's binary COPY.</summary>
public static class BenchmarkData
{
    public static async Task LoadAsync(string connectionString, int connections, int employers)
    {
        var now = DateTimeOffset.UtcNow;
        var employerRows = Enumerable.Range(0, employers)
            .Select(i => new Employer(Guid.CreateVersion7(), $"bench-{i:D5}", $"Bench Employer {i:D5}", $"hr{i}@bench.example", now))
            .ToList();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var copy = await connection.BeginBinaryImportAsync("COPY employers (id, customer_id, name, email, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in employerRows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.CustomerId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Email!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.CreatedAt, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        var samples = SampleConnections.Generate(seed: 42, employerRows, connections, now).ToList();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY connections (id, employer_id, state, finch_connection_id, company_id, company_name, customer_id, customer_name, provider_id, " +
            "provider_name, status, status_message, status_changed_at, connection_type, active_entity_count, last_synced_at, connected_at, " +
            "disconnected_at, products, session_id, session_expires_at, session_progress, created_at, refreshed_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in samples.Select(s => s.Connection))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.EmployerId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.State.ToString(), NpgsqlDbType.Varchar);
                await WriteNullable(copy, c.FinchConnectionId);
                await WriteNullable(copy, c.CompanyId);
                await WriteNullable(copy, c.CompanyName);
                await WriteNullable(copy, c.CustomerId);
                await WriteNullable(copy, c.CustomerName);
                await WriteNullable(copy, c.ProviderId);
                await WriteNullable(copy, c.ProviderName);
                await copy.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar);
                await WriteNullable(copy, c.StatusMessage);
                await copy.WriteAsync(c.StatusChangedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.ConnectionType.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(c.ActiveEntityCount, NpgsqlDbType.Integer);
                await WriteNullable(copy, c.LastSyncedAt);
                await WriteNullable(copy, c.ConnectedAt);
                await WriteNullable(copy, c.DisconnectedAt);
                await copy.WriteAsync(c.Products, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await WriteNullable(copy, c.SessionId);
                await WriteNullable(copy, c.SessionExpiresAt);
                await WriteNullable(copy, c.SessionProgress?.ToString());
                await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
                await WriteNullable(copy, c.RefreshedAt);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY connection_entities (id, connection_id, employer_id, finch_entity_id, name, source_id, status) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in samples.SelectMany(s => s.Entities))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.ConnectionId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.EmployerId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.FinchEntityId, NpgsqlDbType.Varchar);
                await WriteNullable(copy, e.Name);
                await WriteNullable(copy, e.SourceId);
                await copy.WriteAsync(e.Status, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY connection_events (id, connection_id, employer_id, occurred_at, summary, actor) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in samples.SelectMany(s => s.Events))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.ConnectionId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.EmployerId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.Summary, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Actor, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"Loaded {connections:N0} connections, {samples.Sum(s => s.Entities.Count):N0} entities, " +
                          $"{samples.Sum(s => s.Events.Count):N0} events over {employers:N0} employers.");
    }

    private static Task WriteNullable(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Varchar);

    private static Task WriteNullable(NpgsqlBinaryImporter copy, DateTimeOffset? value) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.TimestampTz) : copy.WriteNullAsync();
}
