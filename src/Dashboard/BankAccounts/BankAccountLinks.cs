using System.Text.Json;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using IStripeClient = Stripe.IStripeClient;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>A link made, or why not.</summary>
public sealed record BankAccountLinkOutcome(bool Succeeded, string Message, BankAccountLink? Link = null, string? StripeRequestId = null);

/// <summary>A link still offered to its employer: neither used nor expired.</summary>
public sealed record PendingBankAccountLink(
    Guid Id, Guid EmployerId, string EmployerName, string HostedUrl, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>What the return page found: how many accounts came back, or why none could be read.</summary>
public sealed record BankAccountLinkReturn(bool Succeeded, string Message, IReadOnlyList<string> Accounts);

/// <summary>
/// Linking an employer's bank accounts: a Financial Connections session for the employer's Stripe customer, whose hosted
/// authentication is offered as a link until it expires; the employer comes back to <c>/bank-accounts/linked</c>, which
/// reads the session's accounts from Stripe and stores them.
/// </summary>
public sealed class BankAccountLinks(
    EmployerData data,
    IStripeClient stripe,
    StripeCustomers customers,
    CurrentCaller currentCaller,
    AuditTrail audit,
    OutOfScopeAccess outOfScope,
    IOptions<StripeOptions> options,
    TimeProvider clock,
    ILogger<BankAccountLinks> logger)
{
    public const string ReturnPath = "/bank-accounts/linked";

    /// <summary>At most this many waiting links are listed: each expires within <see cref="StripeOptions.LinkLifetime"/>.</summary>
    public const int PendingShown = 20;

    /// <summary>Payment methods for payroll debits, and balances to check funding before a run.</summary>
    public static IReadOnlyList<string> Permissions { get; } = ["payment_method", "balances"];

    private const string Target = "bank_account_link";

    /// <param name="returnUrl">This dashboard's return page as the user reaches it; <see cref="StripeOptions.LinkReturnUrl"/> wins when set.</param>
    public async Task<BankAccountLinkOutcome> StartAsync(Guid employerId, string returnUrl, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var employer = await db.Employers.SingleOrDefaultAsync(e => e.Id == employerId, cancellationToken);
        if (employer is null)
        {
            await outOfScope.ReportEmployerAsync(caller, employerId, cancellationToken);
            return new BankAccountLinkOutcome(false, "There is no such employer, or your account cannot see it.");
        }

        if (!caller.Can(Permission.LinkBankAccount))
        {
            await audit.DeniedAsync(caller, Permission.LinkBankAccount, AuditAction.BankAccountLinkStarted, "employer", employer.Id.ToString(), employer.Id, cancellationToken);
            return new BankAccountLinkOutcome(false, "Your role cannot link bank accounts; ask the employer's account manager.");
        }

        return await CreateLinkAsync(db, caller, employer, returnUrl, relinking: null, cancellationToken);
    }

    /// <summary>
    /// A new authentication link for the employer of a disconnected or inactive account: at Stripe, access to a
    /// disconnected account only comes back through a new authentication, which links it as a new account.
    /// </summary>
    public async Task<BankAccountLinkOutcome> StartRelinkAsync(Guid bankAccountId, string returnUrl, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var account = await db.BankAccounts.SingleOrDefaultAsync(a => a.Id == bankAccountId, cancellationToken);
        if (account is null)
        {
            await outOfScope.ReportBankAccountAsync(caller, bankAccountId, cancellationToken);
            return new BankAccountLinkOutcome(false, "There is no such bank account, or it belongs to an employer your account cannot see.");
        }

        if (!caller.Can(Permission.SendBankAccountRelink))
        {
            await audit.DeniedAsync(caller, Permission.SendBankAccountRelink, AuditAction.BankAccountLinkStarted, "bank_account", account.Id.ToString(), account.EmployerId, cancellationToken);
            return new BankAccountLinkOutcome(false, "Your role cannot ask for a bank account to be linked again; ask the employer's account manager.");
        }

        if (account.Status == BankAccountStatus.Active)
        {
            return new BankAccountLinkOutcome(false, "This bank account is active: there is nothing to link again.");
        }

        var employer = await db.Employers.SingleAsync(e => e.Id == account.EmployerId, cancellationToken);
        return await CreateLinkAsync(db, caller, employer, returnUrl, account, cancellationToken);
    }

    /// <summary>The links made in the caller's scope that are still waiting for the employer: not used and not expired.</summary>
    public async Task<IReadOnlyList<PendingBankAccountLink>> PendingAsync(Guid? employerId = null, CancellationToken cancellationToken = default)
    {
        if (!(await currentCaller.GetAsync(cancellationToken)).Can(Permission.ViewBankAccounts))
        {
            throw new UnauthorizedAccessException("Bank accounts are not among this user's permissions.");
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var links = db.BankAccountLinks.AsNoTracking().Where(l => l.CompletedAt == null && l.ExpiresAt > now);
        if (employerId is { } id)
        {
            links = links.Where(l => l.EmployerId == id);
        }

        return await links
            .OrderByDescending(l => l.CreatedAt)
            .Take(PendingShown)
            .Join(db.Employers, l => l.EmployerId, e => e.Id, (l, e) => new PendingBankAccountLink(l.Id, l.EmployerId, e.Name, l.HostedUrl, l.CreatedBy, l.CreatedAt, l.ExpiresAt))
            .ToListAsync(cancellationToken);
    }

    private async Task<BankAccountLinkOutcome> CreateLinkAsync(
        DashboardDbContext db, Caller caller, Employer employer, string returnUrl, BankAccount? relinking, CancellationToken cancellationToken)
    {
        var customer = await customers.EnsureAsync(db, employer, cancellationToken);
        if (customer.Value is null)
        {
            return await FailedAsync(caller, employer.Id, customer, cancellationToken);
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var session = await StripeCalls.RunAsync(token => new FinancialConnections.SessionService(stripe).CreateAsync(new FinancialConnections.SessionCreateOptions
        {
            AccountHolder = new FinancialConnections.SessionAccountHolderOptions { Type = "customer", Customer = customer.Value.Id },
            Permissions = [.. Permissions],
            Filters = new FinancialConnections.SessionFiltersOptions { Country = "US" },
            ReturnUrl = $"{options.Value.LinkReturnUrl ?? returnUrl}?link={id}",
        }, cancellationToken: token), logger, "creating a Financial Connections session", cancellationToken);
        if (session.Value is null)
        {
            return await FailedAsync(caller, employer.Id, session, cancellationToken);
        }

        if (HostedUrl(session.Value) is not { } hostedUrl)
        {
            return new BankAccountLinkOutcome(false,
                "Stripe made the session but gave no hosted authentication link, so there is nothing to send. Use Stripe.js with its client secret instead.",
                null, session.RequestId);
        }

        var now = clock.GetUtcNow();
        var link = new BankAccountLink(id, employer.Id, session.Value.Id, hostedUrl, caller.DisplayName, now, now + options.Value.LinkLifetime);
        db.BankAccountLinks.Add(link);
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.BankAccountLinkStarted, AuditOutcome.Succeeded, Target, link.Id.ToString(), employer.Id)
        {
            Detail = $"Financial Connections session {session.Value.Id} for customer {customer.Value.Id}"
                     + (relinking is null ? "" : $", to link {relinking.StripeAccountId} ({relinking.Status.DisplayName()}) again"),
            StripeRequestId = session.RequestId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new BankAccountLinkOutcome(true, $"Send this link to {employer.Name}; it works until {link.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.", link, session.RequestId);
    }

    /// <summary>The employer came back from Stripe: reads the session's accounts and stores them, once.</summary>
    public async Task<BankAccountLinkReturn> CompleteAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var link = await db.BankAccountLinks.SingleOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
        {
            await outOfScope.ReportBankAccountLinkAsync(caller, linkId, cancellationToken);
            return new BankAccountLinkReturn(false, "This link is unknown, or belongs to an employer your account cannot see.", []);
        }

        var now = clock.GetUtcNow();
        if (link.IsExpired(now))
        {
            return new BankAccountLinkReturn(false, "This link has expired. Ask for a new one to link the bank account.", []);
        }

        var session = await StripeCalls.RunAsync(
            token => new FinancialConnections.SessionService(stripe).GetAsync(link.StripeSessionId, cancellationToken: token),
            logger, "reading a Financial Connections session", cancellationToken);
        if (session.Value is null)
        {
            return new BankAccountLinkReturn(false, $"{session.Failure} Reload this page to try again.", []);
        }

        var linked = new List<string>();
        // Stripe's account.created events, sent as the session completed, may be adding these accounts too.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var stripeAccount in session.Value.Accounts?.Data ?? [])
        {
            if (StripeAccountSnapshots.Of(stripeAccount, now) is not { } snapshot)
            {
                continue;
            }

            await LinkedBankAccounts.RecordAsync(db, link.EmployerId, snapshot, link.CreatedBy, now, cancellationToken);
            linked.Add($"{snapshot.InstitutionName} {snapshot.DisplayName} ••••{snapshot.Last4}".Replace("  ", " ", StringComparison.Ordinal));
        }

        if (link.CompletedAt is null)
        {
            link.Complete(linked.Count, now);
            audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.BankAccountsLinked, AuditOutcome.Succeeded, Target, link.Id.ToString(), link.EmployerId)
            {
                Detail = linked.Count == 0 ? "Came back from Stripe with no accounts" : $"Linked {string.Join(", ", linked)}",
                StripeRequestId = session.RequestId,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return linked.Count == 0
            ? new BankAccountLinkReturn(true, "No bank account was linked: the authentication was cancelled or no account was chosen.", [])
            : new BankAccountLinkReturn(true, $"Linked {linked.Count} bank account{(linked.Count == 1 ? "" : "s")}.", linked);
    }

    /// <summary>
    /// The hosted authentication page: the StripeSandbox emulator's <c>hosted_auth_url</c>, an extension Stripe.net's
    /// Session does not model, so it is read from the answer's JSON.
    /// </summary>
    private static string? HostedUrl(FinancialConnections.Session session)
    {
        if (session.StripeResponse?.Content is not { } content)
        {
            return null;
        }

        using var json = JsonDocument.Parse(content);
        return json.RootElement.TryGetProperty("hosted_auth_url", out var url) && url.ValueKind == JsonValueKind.String
               && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
               && parsed.AbsoluteUri.Length <= BankAccountLink.HostedUrlMaxLength
            ? parsed.AbsoluteUri
            : null;
    }

    private async Task<BankAccountLinkOutcome> FailedAsync<T>(Caller caller, Guid employerId, StripeCall<T> call, CancellationToken cancellationToken)
        where T : class
    {
        await audit.WriteAsync(AuditActor.Of(caller), new AuditEntry(AuditAction.BankAccountLinkStarted, AuditOutcome.Failed, "employer", employerId.ToString(), employerId)
        {
            Detail = call.Failure,
            StripeRequestId = call.RequestId,
        }, cancellationToken);
        return new BankAccountLinkOutcome(false, call.Failure!, null, call.RequestId);
    }
}
