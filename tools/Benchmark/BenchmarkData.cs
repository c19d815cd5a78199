using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Npgsql;
using NpgsqlTypes;

namespace FinchDashboard.Benchmark;

/// <summary>
/// Loads N generated connections with their entities, methods and events, and N bank accounts over the same employers,
/// through PostgreSQL's binary COPY.
/// </summary>
public static class BenchmarkData
{
    public static async Task LoadAsync(string connectionString, int connections, int employers)
    {
        var now = DateTimeOffset.UtcNow;
        var employerRows = Enumerable.Range(0, employers)
            .Select(i => new Employer(Guid.CreateVersion7(), $"bench-{i:D5}", $"Bench Employer {i:D5}", $"hr{i}@bench.example", now))
            .ToList();
        foreach (var (employer, i) in employerRows.Select((e, i) => (e, i)))
        {
            employer.UseStripeCustomer($"cus_bench{i:D5}");
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var copy = await connection.BeginBinaryImportAsync("COPY employers (id, customer_id, name, email, created_at, stripe_customer_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in employerRows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(e.CustomerId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.Email!, NpgsqlDbType.Varchar);
                await copy.WriteAsync(e.CreatedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.StripeCustomerId!, NpgsqlDbType.Varchar);
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

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bank_accounts (id, employer_id, stripe_account_id, stripe_customer_id, institution_name, display_name, last4, category, subcategory, " +
            "status, observed_at, permissions, balance_refresh_status, balance_refresh_attempted_at, ownership_refresh_status, " +
            "ownership_refresh_attempted_at, transaction_refresh_status, transaction_refresh_attempted_at, livemode, linked_by, linked_at, " +
            "disconnected_by, disconnected_at, disconnect_reason) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in BankAccounts(seed: 42, employerRows, connections, now))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(a.EmployerId, NpgsqlDbType.Uuid);
                await copy.WriteAsync(a.StripeAccountId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.StripeCustomerId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.InstitutionName, NpgsqlDbType.Varchar);
                await WriteNullable(copy, a.DisplayName);
                await WriteNullable(copy, a.Last4);
                await copy.WriteAsync(a.Category, NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.Subcategory, NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.Status.ToString(), NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.ObservedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(a.Permissions, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await WriteNullable(copy, a.BalanceRefreshStatus);
                await WriteNullable(copy, a.BalanceRefreshAttemptedAt);
                await WriteNullable(copy, a.OwnershipRefreshStatus);
                await WriteNullable(copy, a.OwnershipRefreshAttemptedAt);
                await WriteNullable(copy, a.TransactionRefreshStatus);
                await WriteNullable(copy, a.TransactionRefreshAttemptedAt);
                await copy.WriteAsync(a.Livemode, NpgsqlDbType.Boolean);
                await copy.WriteAsync(a.LinkedBy, NpgsqlDbType.Varchar);
                await copy.WriteAsync(a.LinkedAt, NpgsqlDbType.TimestampTz);
                await WriteNullable(copy, a.DisconnectedBy);
                await WriteNullable(copy, a.DisconnectedAt);
                await WriteNullable(copy, a.DisconnectReason);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"Loaded {connections:N0} connections, {samples.Sum(s => s.Entities.Count):N0} entities, " +
                          $"{samples.Sum(s => s.Events.Count):N0} events and {connections:N0} bank accounts over {employers:N0} employers.");
    }

    /// <summary>
    /// Bank accounts as employers link them, through the domain's own rules: mostly operating and payroll checking at the
    /// large banks, linked by account managers over two years (some first heard of from Stripe); about one in ten
    /// inactive and one in seven disconnected, by Stripe or by a user with a reason. Deterministic for a given seed.
    /// </summary>
    private static IEnumerable<BankAccount> BankAccounts(int seed, IReadOnlyList<Employer> employers, int count, DateTimeOffset now)
    {
        string[] institutions = ["Chase", "Bank of America", "Wells Fargo", "Citibank", "U.S. Bank", "PNC Bank", "Truist", "Capital One",
            "TD Bank", "Fifth Third Bank", "Citizens Bank", "KeyBank", "Huntington Bank", "Mercury", "Silicon Valley Bank", "First Citizens Bank"];
        (string Category, string Subcategory, string? DisplayName)[] kinds =
        [
            ("cash", "checking", "Operating Checking"), ("cash", "checking", "Payroll Checking"), ("cash", "checking", null),
            ("cash", "checking", "Business Advantage Checking"), ("cash", "savings", "Business Savings"), ("cash", "savings", null),
            ("credit", "line_of_credit", "Business Line of Credit"), ("credit", "credit_card", "Business Card"), ("investment", "other", null),
        ];
        string[] linkers = ["manager@bench.example", "am2@bench.example", "am3@bench.example", "admin@bench.example", StripeEventApplier.Actor];
        string[] reasons = ["The employer moved payroll funding to another bank.", "Duplicate of the account linked later.", "Account closed."];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var employer = employers[random.Next(employers.Count)];
            var kind = kinds[random.Next(10) switch { < 6 => random.Next(4), < 8 => 4 + random.Next(2), _ => 6 + random.Next(3) }];
            var linkedAt = now.AddMinutes(-random.Next(2 * 365 * 24 * 60));
            var refreshedAt = linkedAt.AddMinutes(random.Next((int)(now - linkedAt).TotalMinutes + 1));
            var status = random.Next(100) switch { < 76 => BankAccountStatus.Active, < 86 => BankAccountStatus.Inactive, _ => BankAccountStatus.Disconnected };
            List<string> permissions = random.Next(4) == 0 ? ["payment_method", "balances", "ownership", "transactions"] : ["payment_method", "balances"];
            var refreshStatus = random.Next(20) switch { 0 => "failed", 1 => "pending", _ => "succeeded" };
            var linked = new StripeAccountSnapshot($"fca_bench{i:D7}{random.Next(1_000_000):D6}", employer.StripeCustomerId!, institutions[random.Next(institutions.Length)],
                kind.DisplayName, random.Next(10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture), kind.Category, kind.Subcategory,
                BankAccountStatus.Active, permissions, new BankAccountRefresh("succeeded", linkedAt), null, null, Livemode: false, linkedAt);
            var account = BankAccount.Link(Guid.CreateVersion7(linkedAt), employer.Id, linked, linkers[random.Next(linkers.Length)], linkedAt);
            var later = linked with
            {
                Status = status,
                BalanceRefresh = new BankAccountRefresh(refreshStatus, refreshedAt),
                OwnershipRefresh = permissions.Contains("ownership") ? new BankAccountRefresh("succeeded", linkedAt) : null,
                TransactionRefresh = permissions.Contains("transactions") ? new BankAccountRefresh(refreshStatus, refreshedAt) : null,
                ObservedAt = refreshedAt,
            };
            if (status == BankAccountStatus.Disconnected && random.Next(2) == 0)
            {
                account.RecordDisconnect(later, linkers[random.Next(linkers.Length - 1)], reasons[random.Next(reasons.Length)]);
            }
            else
            {
                account.Observe(later, StripeEventApplier.Actor);
            }

            yield return account;
        }
    }

    private static Task WriteNullable(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Varchar);

    private static Task WriteNullable(NpgsqlBinaryImporter copy, DateTimeOffset? value) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.TimestampTz) : copy.WriteNullAsync();
}
