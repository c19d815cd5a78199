using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StripeConfiguration = Stripe.StripeConfiguration;

/// <summary>
/// Stripe's financial_connections.account.* events to 200 stored bank accounts of one employer's Stripe customer, as
/// Stripe sends them: the event object with the whole account in <c>data.object</c>, signed with
/// <c>Stripe-Signature: t=…,v1=…</c>, the hex HMAC-SHA256 of "{t}.{body}" keyed with the whsec_ secret's UTF-8 bytes.
/// Mostly refreshes, deactivations and reactivations; a few disconnections, accounts Stripe just created for the
/// customer, and accounts of a customer no employer has.
/// </summary>
internal sealed class StripeWebhooks(string secret) : IWebhookSource
{
    private const int Accounts = 200;
    private const string Customer = "cus_webhookbench";
    private const string CreatedEvent = "financial_connections.account.created";

    private static readonly string[] Institutions = ["Chase", "Bank of America", "Wells Fargo", "PNC Bank", "Mercury"];

    public string Name => "Stripe";

    public string Path => StripeWebhookEndpoint.Path;

    public string VerifyOnlyPath => VerifyOnlyServer.StripePath;

    public string EventsTable => "stripe_webhook_events";

    public async Task SeedAsync(string connectionString)
    {
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(connectionString).Options);
        // Linked an hour ago, so every event of the run is newer than what the dashboard holds.
        var linkedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var employer = new Employer(Guid.CreateVersion7(), "webhook-bench", "Webhook Bench", null, linkedAt);
        employer.UseStripeCustomer(Customer);
        db.Employers.Add(employer);
        for (var i = 0; i < Accounts; i++)
        {
            var snapshot = new StripeAccountSnapshot(AccountId(i), Customer, Institutions[i % Institutions.Length], "Operating Checking", Last4(i), "cash",
                "checking", BankAccountStatus.Active, ["payment_method", "balances"], new BankAccountRefresh("succeeded", linkedAt), null, null, false, linkedAt);
            db.BankAccounts.Add(BankAccount.Link(Guid.CreateVersion7(), employer.Id, snapshot, "manager@bench.example", linkedAt));
        }

        await db.SaveChangesAsync();
    }

    public List<Delivery> Deliveries(int count, string prefix)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var key = Encoding.UTF8.GetBytes(secret);
        return Enumerable.Range(0, count).Select(i =>
        {
            var (type, accountId, customer, status) = (i % 50, i % 1000) switch
            {
                (49, _) => (CreatedEvent, $"fca_{prefix}{i:D7}", Customer, "active"),
                (24, _) => (CreatedEvent, $"fca_{prefix}{i:D7}", "cus_nobodys", "active"),
                (_, 500) => ("financial_connections.account.disconnected", AccountId(i), Customer, "disconnected"),
                _ => (i / Accounts % 4) switch
                {
                    1 => ("financial_connections.account.deactivated", AccountId(i), Customer, "inactive"),
                    2 => ("financial_connections.account.reactivated", AccountId(i), Customer, "active"),
                    _ => ("financial_connections.account.refreshed_balance", AccountId(i), Customer, "active"),
                },
            };
            var eventId = $"evt_{prefix}{i:D7}{Guid.NewGuid():N}";
            var json = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = eventId,
                @object = "event",
                api_version = StripeConfiguration.ApiVersion,
                created = now,
                data = new { @object = Account(accountId, customer, Institutions[i % Institutions.Length], Last4(i), status, now) },
                livemode = false,
                pending_webhooks = 1,
                request = new { id = (string?)null, idempotency_key = (string?)null },
                type,
            });
            var signed = Encoding.UTF8.GetBytes($"{now}.").Concat(json).ToArray();
            var signature = $"t={now},v1={Convert.ToHexStringLower(HMACSHA256.HashData(key, signed))}";
            return new Delivery(eventId, [new(StripeWebhookEndpoint.SignatureHeader, signature)], json);
        }).ToList();
    }

    public async Task<IReadOnlyList<Check>> AppliedChecksAsync(NpgsqlDataSource dataSource, long applied)
    {
        var createdApplied = await dataSource.ScalarAsync($"SELECT count(*) FROM stripe_webhook_events WHERE event_type = '{CreatedEvent}' AND state = 'Applied'");
        var added = await dataSource.ScalarAsync($"SELECT count(*) FROM bank_accounts WHERE linked_by = '{StripeEventApplier.Actor}'");
        var audits = await dataSource.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'WebhookApplied'");
        var disconnected = await dataSource.ScalarAsync("SELECT count(*) FROM bank_accounts WHERE status = 'Disconnected'");
        return
        [
            new("accounts added / .created events applied", $"{added:N0} / {createdApplied:N0}", "equal", added == createdApplied),
            new("status changes audited (WebhookApplied)", $"{audits:N0}", "", null),
            new("accounts disconnected by events", $"{disconnected:N0}", "", null),
        ];
    }

    private static string AccountId(int i) => $"fca_webhookbench{i % Accounts:D4}";

    private static string Last4(int i) => (1000 + i % Accounts).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The financial_connections.account object, field for field as stripe-node's types/FinancialConnections/Accounts.d.ts lists them.
    private static object Account(string id, string customer, string institution, string last4, string status, long now) => new
    {
        id,
        @object = "financial_connections.account",
        account_holder = new { customer, type = "customer" },
        account_numbers = (object?)null,
        balance = (object?)null,
        balance_refresh = new { last_attempted_at = now, next_refresh_available_at = (long?)now, status = "succeeded" },
        category = "cash",
        created = now - 3600,
        display_name = "Operating Checking",
        institution_name = institution,
        last4,
        livemode = false,
        ownership = (string?)null,
        ownership_refresh = (object?)null,
        permissions = new[] { "payment_method", "balances" },
        status,
        subcategory = "checking",
        subscriptions = Array.Empty<string>(),
        supported_payment_method_types = new[] { "us_bank_account", "link" },
        transaction_refresh = (object?)null,
    };
}
