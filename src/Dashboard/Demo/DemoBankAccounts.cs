using System.Net;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Dashboard.Demo;

/// <summary>
/// One demo bank account: its bank, who linked it (a demo user's email) and how long ago, and for a disconnected one who
/// disconnected it, when and why.
/// </summary>
public sealed record DemoBankAccount(
    string EmployerCustomerId, string InstitutionName, string DisplayName, string Last4, string Subcategory, BankAccountStatus Status,
    string LinkedByEmail, int LinkedDaysAgo, DemoDisconnection? Disconnection = null);

public sealed record DemoDisconnection(string ByEmail, int DaysAgo, string Reason);

/// <summary>What one pass did; <see cref="StripeUnreachable"/> when it stopped at the first call Stripe did not answer.</summary>
public sealed record DemoBankAccountsOutcome(int Created, int Restored, int AlreadyThere, bool StripeUnreachable)
{
    public static DemoBankAccountsOutcome Nothing { get; } = new(0, 0, 0, false);
}

/// <summary>
/// Demo mode's bank accounts, which exist in Stripe's emulator as well as here. Each demo employer gets its Stripe customer
/// and, while it has no bank account here yet, a fixed mix made through the emulator's test helper and stored the way a
/// completed link stores accounts. The emulator forgets everything when it stops, so customers and accounts it no longer
/// knows are made again under the ids stored here (the test helpers take an explicit id), and their history stays as it
/// is. Only against the emulator: the helpers do not exist at Stripe.
/// </summary>
public sealed class DemoBankAccounts(
    SystemData systemData,
    StripeClient stripe,
    StripeCustomers customers,
    IOptions<StripeOptions> options,
    TimeProvider clock,
    ILogger<DemoBankAccounts> logger)
{
    /// <summary>
    /// Across the demo employers: mostly active checking and savings accounts at different banks, two inactive, two
    /// disconnected through the dashboard. Acme Manufacturing, the demo employer admin's, has one of each status. The
    /// last four digits differ from those of the emulator's hosted page, so accounts linked there are told apart.
    /// </summary>
    public static IReadOnlyList<DemoBankAccount> Mix { get; } =
    [
        new("acme-manufacturing", "Chase", "Payroll funding", "2040", "checking", BankAccountStatus.Active, "manager@demo.local", 210),
        new("acme-manufacturing", "Wells Fargo", "Tax reserve", "7315", "savings", BankAccountStatus.Inactive, "manager@demo.local", 150),
        new("acme-manufacturing", "Bank of America", "Old operating account", "8821", "checking", BankAccountStatus.Disconnected, "manager@demo.local", 400,
            new DemoDisconnection("employer@demo.local", 35, "We closed this account after moving payroll funding to Chase.")),
        new("globex-retail", "Citibank", "Operating", "3307", "checking", BankAccountStatus.Active, "manager@demo.local", 320),
        new("globex-retail", "Capital One", "Payroll reserve", "6150", "savings", BankAccountStatus.Active, "manager@demo.local", 95),
        new("initech-software", "Silicon Valley Bank", "Operating", "4472", "checking", BankAccountStatus.Disconnected, "manager@demo.local", 500,
            new DemoDisconnection("admin@demo.local", 12, "The bank was taken over; the employer linked its new account at First Citizens Bank.")),
        new("initech-software", "First Citizens Bank", "Operating", "9130", "checking", BankAccountStatus.Active, "manager@demo.local", 11),
        new("umbrella-health", "U.S. Bank", "Payroll", "5518", "checking", BankAccountStatus.Active, "admin@demo.local", 260),
        new("umbrella-health", "PNC Bank", "Benefits reserve", "2294", "savings", BankAccountStatus.Inactive, "admin@demo.local", 180),
        new("stark-logistics", "TD Bank", "Operating", "7061", "checking", BankAccountStatus.Active, "admin@demo.local", 140),
        new("wayne-hospitality", "Truist", "Payroll", "1879", "checking", BankAccountStatus.Active, "admin@demo.local", 60),
        new("wayne-hospitality", "Ally Bank", "Savings", "6603", "savings", BankAccountStatus.Active, "admin@demo.local", 45),
    ];

    private const string AccountsHelper = "/v1/test_helpers/financial_connections/accounts";
    private const string CustomersHelper = "/v1/test_helpers/customers";

    /// <summary>The emulator listens on this machine; a Stripe:ApiBase anywhere else is Stripe itself, where demo data has no place.</summary>
    public static bool IsEmulator(string apiBase) => Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) && uri.IsLoopback;

    public async Task<DemoBankAccountsOutcome> SyncAsync(CancellationToken cancellationToken)
    {
        if (!IsEmulator(options.Value.ApiBase))
        {
            logger.LogInformation("Demo bank accounts are made only in the Stripe emulator; Stripe:ApiBase is not on this machine");
            return DemoBankAccountsOutcome.Nothing;
        }

        await using var db = await systemData.OpenAsync(cancellationToken);
        var demoEmployers = DemoData.Employers.Select(e => e.CustomerId).ToList();
        var employers = await db.Employers.Where(e => demoEmployers.Contains(e.CustomerId) || e.StripeCustomerId != null)
            .OrderBy(e => e.CustomerId).ToListAsync(cancellationToken);
        var total = DemoBankAccountsOutcome.Nothing;
        foreach (var employer in employers)
        {
            var outcome = await SyncAsync(db, employer, cancellationToken);
            total = new DemoBankAccountsOutcome(
                total.Created + outcome.Created, total.Restored + outcome.Restored, total.AlreadyThere + outcome.AlreadyThere, outcome.StripeUnreachable);
            if (outcome.StripeUnreachable)
            {
                logger.LogWarning("The Stripe emulator at {ApiBase} is not reachable; the demo's bank accounts are not in it", options.Value.ApiBase);
                return total;
            }
        }

        logger.LogInformation("Demo bank accounts in the Stripe emulator: {Created} created, {Restored} made again, {Existing} already there",
            total.Created, total.Restored, total.AlreadyThere);
        return total;
    }

    private async Task<DemoBankAccountsOutcome> SyncAsync(DashboardDbContext db, Employer employer, CancellationToken cancellationToken)
    {
        var customerForgotten = false;
        if (employer.StripeCustomerId is { } customerId)
        {
            var known = await StripeCalls.RunAsync(token => new CustomerService(stripe).GetAsync(customerId, cancellationToken: token),
                logger, "reading a demo customer", cancellationToken);
            if (known.Unanswered)
            {
                return Unreachable;
            }

            customerForgotten = known.Status == HttpStatusCode.NotFound;
            if (customerForgotten && (await RestoreCustomerAsync(employer, customerId, cancellationToken)).Unanswered)
            {
                return Unreachable;
            }
        }
        else if (DemoData.Employers.Any(e => e.CustomerId == employer.CustomerId))
        {
            var created = await customers.EnsureAsync(db, employer, cancellationToken);
            if (created.Value is null)
            {
                return created.Unanswered ? Unreachable : DemoBankAccountsOutcome.Nothing;
            }
        }

        var stored = await db.BankAccounts.AsNoTracking().Where(a => a.EmployerId == employer.Id).OrderBy(a => a.LinkedAt).ToListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            return await CreateMixAsync(employer, cancellationToken);
        }

        var restored = 0;
        foreach (var account in stored)
        {
            if (!customerForgotten)
            {
                var known = await StripeCalls.RunAsync(
                    token => new FinancialConnections.AccountService(stripe).GetAsync(account.StripeAccountId, cancellationToken: token),
                    logger, "reading a demo bank account", cancellationToken);
                if (known.Unanswered)
                {
                    return Unreachable;
                }

                if (known.Status != HttpStatusCode.NotFound)
                {
                    continue;
                }
            }

            var again = await TestHelperAsync<FinancialConnections.Account>(AccountsHelper, AccountForm(
                account.StripeCustomerId, account.InstitutionName, account.DisplayName, account.Last4, account.Category, account.Subcategory,
                account.Status, account.Permissions, account.StripeAccountId), cancellationToken);
            if (again.Unanswered)
            {
                return Unreachable;
            }

            restored += again.Succeeded ? 1 : 0;
        }

        return new DemoBankAccountsOutcome(0, restored, stored.Count - restored, false);
    }

    /// <summary>The customer as <see cref="StripeCustomers"/> made it, under the id the employer keeps.</summary>
    private Task<StripeCall<Customer>> RestoreCustomerAsync(Employer employer, string customerId, CancellationToken cancellationToken)
    {
        var customer = StripeCustomers.CreateOptions(employer);
        List<KeyValuePair<string, string>> form = [new("id", customerId), new("name", customer.Name), new("email", customer.Email)];
        form.AddRange(customer.Metadata.Select(m => new KeyValuePair<string, string>($"metadata[{m.Key}]", m.Value)));
        return TestHelperAsync<Customer>(CustomersHelper, form, cancellationToken);
    }

    private async Task<DemoBankAccountsOutcome> CreateMixAsync(Employer employer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var made = new List<(DemoBankAccount Demo, StripeAccountSnapshot Snapshot, string? DisconnectRequestId)>();
        var unreachable = false;
        foreach (var demo in Mix.Where(a => a.EmployerCustomerId == employer.CustomerId))
        {
            // A disconnected one is made active and then disconnected through Stripe, as the disconnect dialog does.
            var status = demo.Status == BankAccountStatus.Disconnected ? BankAccountStatus.Active : demo.Status;
            var created = await TestHelperAsync<FinancialConnections.Account>(AccountsHelper, AccountForm(
                employer.StripeCustomerId!, demo.InstitutionName, demo.DisplayName, demo.Last4, "cash", demo.Subcategory, status,
                BankAccountLinks.Permissions, id: null), cancellationToken);
            if (created.Value is null)
            {
                unreachable = created.Unanswered;
                break;
            }

            var account = created.Value;
            string? disconnectRequestId = null;
            if (demo.Disconnection is not null)
            {
                var disconnected = await StripeCalls.RunAsync(
                    token => new FinancialConnections.AccountService(stripe).DisconnectAsync(account.Id, cancellationToken: token),
                    logger, "disconnecting a demo bank account", cancellationToken);
                if (disconnected.Value is null)
                {
                    unreachable = disconnected.Unanswered;
                    break;
                }

                account = disconnected.Value;
                disconnectRequestId = disconnected.RequestId;
            }

            var snapshot = StripeAccountSnapshots.Of(account, now)!;
            // Stripe has seen it disconnected since the day the demo says it was.
            made.Add((demo, demo.Disconnection is { } d ? snapshot with { ObservedAt = now.AddDays(-d.DaysAgo) } : snapshot, disconnectRequestId));
        }

        // What was made is stored even when a later call failed, so the next start does not make it a second time.
        await RecordAsync(employer.Id, made, now, cancellationToken);

        return new DemoBankAccountsOutcome(made.Count, 0, 0, unreachable);
    }

    private async Task RecordAsync(
        Guid employerId, IReadOnlyList<(DemoBankAccount Demo, StripeAccountSnapshot Snapshot, string? DisconnectRequestId)> made, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var db = await systemData.OpenAsync(cancellationToken);
        var emails = DemoData.Users.Select(u => u.Email).ToList();
        var userIds = await db.Users.Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);
        // Stripe's account.created events for these accounts are on their way to the dashboard too.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (demo, snapshot, disconnectRequestId) in made)
        {
            var account = await LinkedBankAccounts.RecordAsync(db, employerId, snapshot, NameOf(demo.LinkedByEmail), now.AddDays(-demo.LinkedDaysAgo), cancellationToken);
            if (demo.Disconnection is not { } disconnection)
            {
                continue;
            }

            var by = NameOf(disconnection.ByEmail);
            account.RecordDisconnect(snapshot, by, disconnection.Reason);
            var at = snapshot.ObservedAt;
            db.AuditLog.Add(new AuditRecord
            {
                Id = Guid.CreateVersion7(at),
                OccurredAt = at,
                ActorUserId = userIds.GetValueOrDefault(disconnection.ByEmail),
                ActorName = by,
                Action = AuditAction.BankAccountDisconnected,
                EmployerId = employerId,
                TargetType = "bank_account",
                TargetId = account.Id.ToString(),
                Reason = disconnection.Reason,
                Outcome = AuditOutcome.Succeeded,
                Detail = BankAccountDisconnector.DisconnectedDetail(account),
                StripeRequestId = disconnectRequestId,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string NameOf(string email) => DemoData.Users.Single(u => u.Email == email).DisplayName;

    private static List<KeyValuePair<string, string>> AccountForm(
        string customerId, string institutionName, string? displayName, string? last4, string category, string subcategory, BankAccountStatus status,
        IEnumerable<string> permissions, string? id)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("customer", customerId),
            new("institution_name", institutionName),
            new("category", category),
            new("subcategory", subcategory),
            new("status", status.WireName()),
        };
        form.AddRange(permissions.Select(p => new KeyValuePair<string, string>("permissions[]", p)));
        if (displayName is not null) form.Add(new("display_name", displayName));
        if (last4 is not null) form.Add(new("last4", last4));
        if (id is not null) form.Add(new("id", id));
        return form;
    }

    /// <summary>An emulator test helper, which Stripe.net does not model, through its raw request.</summary>
    private Task<StripeCall<T>> TestHelperAsync<T>(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
        where T : StripeEntity<T>, IHasId =>
        StripeCalls.RunAsync(async token =>
        {
            var body = string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var response = await stripe.RawRequestAsync(HttpMethod.Post, path, body, cancellationToken: token);
            var value = stripe.Deserialize<T>(response.Content);
            value.StripeResponse = response;
            return value;
        }, logger, $"the emulator's test helper {path}", cancellationToken);

    private static DemoBankAccountsOutcome Unreachable { get; } = new(0, 0, 0, true);
}
