using System.Net;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.BankAccounts;

/// <summary>
/// Linking: a Financial Connections session for the employer's Stripe customer, the emulator's hosted page driven as the
/// employer would, and the return page's read of the session's accounts.
/// </summary>
[Collection(StripeSandboxCollection.Name)]
public sealed class BankAccountLinkTests(StripeSandboxFixture stripe)
{
    private const string ReturnUrl = "https://dashboard.example/bank-accounts/linked";

    private DashboardFactory App => stripe.Dashboard;

    [Fact]
    public async Task An_account_manager_links_the_accounts_the_employer_picks_on_stripes_page()
    {
        var employer = await App.AddEmployerAsync("Link Bank Co");
        var manager = await App.AddUserAsync(Role.AccountManager, employer);

        var started = await AsAsync(manager, links => links.StartAsync(employer.Id, ReturnUrl));
        Assert.True(started.Succeeded, started.Message);
        var link = started.Link!;
        var returnedTo = await PickAccountsAsync(link.HostedUrl, "operating", "reserve");
        var result = await AsAsync(manager, links => links.CompleteAsync(link.Id));

        Assert.Equal($"{ReturnUrl}?link={link.Id}", returnedTo);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, result.Accounts.Count);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        var stored = await db.BankAccounts.Where(a => a.EmployerId == employer.Id).OrderBy(a => a.Last4).ToListAsync();
        Assert.Equal(["1234", "9876"], stored.Select(a => a.Last4));
        Assert.All(stored, a => Assert.Equal("StripeBank", a.InstitutionName));
        Assert.All(stored, a => Assert.Equal("Test AccountManager", a.LinkedBy));
        Assert.All(stored, a => Assert.Equal(BankAccountStatus.Active, a.Status));
        var storedEmployer = await db.Employers.SingleAsync(e => e.Id == employer.Id);
        Assert.StartsWith("cus_", storedEmployer.StripeCustomerId);
        Assert.All(stored, a => Assert.Equal(storedEmployer.StripeCustomerId, a.StripeCustomerId));
        Assert.NotNull((await db.BankAccountLinks.SingleAsync(l => l.Id == link.Id)).CompletedAt);
        Assert.Contains(await db.AuditLog.Where(r => r.TargetId == link.Id.ToString()).ToListAsync(),
            r => r.Action == AuditAction.BankAccountsLinked && r.StripeRequestId!.StartsWith("req_"));
    }

    [Fact]
    public async Task Coming_back_twice_stores_each_account_once_and_a_second_link_reuses_the_customer()
    {
        var employer = await App.AddEmployerAsync("Twice Bank Co");
        var manager = await App.AddUserAsync(Role.Admin);
        var first = (await AsAsync(manager, links => links.StartAsync(employer.Id, ReturnUrl))).Link!;
        await PickAccountsAsync(first.HostedUrl, "operating");

        await AsAsync(manager, links => links.CompleteAsync(first.Id));
        await AsAsync(manager, links => links.CompleteAsync(first.Id));
        var second = (await AsAsync(manager, links => links.StartAsync(employer.Id, ReturnUrl))).Link!;

        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Single(await db.BankAccounts.Where(a => a.EmployerId == employer.Id).ToListAsync());
        Assert.NotEqual(first.StripeSessionId, second.StripeSessionId);
        var customer = (await db.Employers.SingleAsync(e => e.Id == employer.Id)).StripeCustomerId;
        var sessionCustomer = (await new Stripe.FinancialConnections.SessionService(stripe.Stripe).GetAsync(second.StripeSessionId)).AccountHolder.CustomerId;
        Assert.Equal(customer, sessionCustomer);
    }

    [Fact]
    public async Task Support_and_employer_admins_cannot_start_a_link()
    {
        var employer = await App.AddEmployerAsync("No Link Co");

        var support = await AsAsync(await App.AddUserAsync(Role.Support), links => links.StartAsync(employer.Id, ReturnUrl));
        var employerAdmin = await AsAsync(await App.AddUserAsync(Role.EmployerAdmin, employer), links => links.StartAsync(employer.Id, ReturnUrl));

        Assert.False(support.Succeeded);
        Assert.False(employerAdmin.Succeeded);
        Assert.Contains("cannot link", support.Message);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.False(await db.BankAccountLinks.AnyAsync(l => l.EmployerId == employer.Id));
    }

    [Fact]
    public async Task Another_employers_link_and_employer_are_not_found_and_the_attempts_are_audited()
    {
        var (mine, theirs) = await App.AddTwoEmployersAsync("Link Mine", "Link Theirs");
        var theirLink = (await AsAsync(await App.AddUserAsync(Role.Admin), links => links.StartAsync(theirs.Id, ReturnUrl))).Link!;
        var manager = await App.AddUserAsync(Role.AccountManager, mine);
        var employerAdmin = await App.AddUserAsync(Role.EmployerAdmin, mine);

        var start = await AsAsync(manager, links => links.StartAsync(theirs.Id, ReturnUrl));
        var complete = await AsAsync(employerAdmin, links => links.CompleteAsync(theirLink.Id));

        Assert.False(start.Succeeded);
        Assert.Contains("no such employer", start.Message);
        Assert.False(complete.Succeeded);
        Assert.Contains("unknown", complete.Message);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        var denied = await db.AuditLog.Where(r => r.Action == AuditAction.OutOfScopeAccess && r.EmployerId == theirs.Id).ToListAsync();
        Assert.Contains(denied, r => r.TargetType == "employer" && r.ActorUserId == manager.Id);
        Assert.Contains(denied, r => r.TargetType == "bank_account_link" && r.ActorUserId == employerAdmin.Id);
    }

    [Fact]
    public async Task A_link_waits_for_its_employer_until_used_and_only_within_scope()
    {
        var (mine, theirs) = await App.AddTwoEmployersAsync("Pending Mine", "Pending Theirs");
        var admin = await App.AddUserAsync(Role.Admin);
        var used = (await AsAsync(admin, links => links.StartAsync(mine.Id, ReturnUrl))).Link!;
        var waiting = (await AsAsync(admin, links => links.StartAsync(mine.Id, ReturnUrl))).Link!;
        var theirLink = (await AsAsync(admin, links => links.StartAsync(theirs.Id, ReturnUrl))).Link!;
        await PickAccountsAsync(used.HostedUrl, "operating");
        await AsAsync(admin, links => links.CompleteAsync(used.Id));

        var employerAdmin = await App.AddUserAsync(Role.EmployerAdmin, mine);
        var seenByEmployer = await AsAsync(employerAdmin, links => links.PendingAsync());
        var seenByAdmin = await AsAsync(admin, links => links.PendingAsync(mine.Id));
        var everyWaiting = await AsAsync(admin, links => links.PendingAsync());

        Assert.Equal([waiting.Id], seenByEmployer.Select(l => l.Id));
        Assert.StartsWith("Pending Mine", seenByEmployer[0].EmployerName);
        Assert.Equal([waiting.Id], seenByAdmin.Select(l => l.Id));
        Assert.Contains(everyWaiting, l => l.Id == theirLink.Id);
        Assert.DoesNotContain(everyWaiting, l => l.Id == used.Id);
    }

    [Fact]
    public async Task Support_asks_for_a_disconnected_account_again_and_nobody_relinks_an_active_one_or_another_employers()
    {
        var (mine, theirs) = await App.AddTwoEmployersAsync("Relink Mine", "Relink Theirs");
        var admin = await App.AddUserAsync(Role.Admin);
        var account = await LinkOneAsync(admin, mine);
        var theirAccount = await LinkOneAsync(admin, theirs);
        var support = await App.AddUserAsync(Role.Support);
        var manager = await App.AddUserAsync(Role.AccountManager, mine);
        var employerAdmin = await App.AddUserAsync(Role.EmployerAdmin, mine);

        var whileActive = await AsAsync(support, links => links.StartRelinkAsync(account.Id, ReturnUrl));
        await using (var scope = await App.SignedInScopeAsync(admin))
        {
            var disconnected = await scope.ServiceProvider.GetRequiredService<BankAccountDisconnector>().DisconnectAsync(account.Id, "Closed at the bank");
            Assert.True(disconnected.Succeeded, disconnected.Message);
        }

        var relink = await AsAsync(support, links => links.StartRelinkAsync(account.Id, ReturnUrl));
        var byEmployerAdmin = await AsAsync(employerAdmin, links => links.StartRelinkAsync(account.Id, ReturnUrl));
        var otherEmployer = await AsAsync(manager, links => links.StartRelinkAsync(theirAccount.Id, ReturnUrl));

        Assert.False(whileActive.Succeeded);
        Assert.Contains("active", whileActive.Message);
        Assert.True(relink.Succeeded, relink.Message);
        Assert.Equal(mine.Id, relink.Link!.EmployerId);
        Assert.Equal("Test Support", relink.Link.CreatedBy);
        Assert.False(byEmployerAdmin.Succeeded);
        Assert.Contains("cannot ask", byEmployerAdmin.Message);
        Assert.False(otherEmployer.Succeeded);
        Assert.Contains("no such bank account", otherEmployer.Message);
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        var session = await new Stripe.FinancialConnections.SessionService(stripe.Stripe).GetAsync(relink.Link.StripeSessionId);
        Assert.Equal((await db.Employers.SingleAsync(e => e.Id == mine.Id)).StripeCustomerId, session.AccountHolder.CustomerId);
        var audit = await db.AuditLog.Where(r => r.EmployerId == mine.Id || r.EmployerId == theirs.Id).ToListAsync();
        Assert.Contains(audit, r => r.Action == AuditAction.BankAccountLinkStarted && r.TargetId == relink.Link.Id.ToString()
            && r.Detail!.Contains(account.StripeAccountId) && r.StripeRequestId!.StartsWith("req_"));
        Assert.Contains(audit, r => r.Outcome == AuditOutcome.Denied && r.ActorUserId == employerAdmin.Id && r.TargetId == account.Id.ToString());
        Assert.Contains(audit, r => r.Action == AuditAction.OutOfScopeAccess && r.ActorUserId == manager.Id && r.TargetType == "bank_account");
    }

    private async Task<BankAccount> LinkOneAsync(Dashboard.Data.DashboardUser user, Employer employer)
    {
        var link = (await AsAsync(user, links => links.StartAsync(employer.Id, ReturnUrl))).Link!;
        await PickAccountsAsync(link.HostedUrl, "operating");
        await AsAsync(user, links => links.CompleteAsync(link.Id));
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.BankAccounts.SingleAsync(a => a.EmployerId == employer.Id);
    }

    /// <summary>Goes through the emulator's hosted page: StripeBank, the given accounts; returns where it sent the browser.</summary>
    private async Task<string> PickAccountsAsync(string hostedUrl, params string[] accounts)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var secret = System.Web.HttpUtility.ParseQueryString(new Uri(hostedUrl).Query)["client_secret"]!;
        var page = new Uri(new Uri(hostedUrl), "/link-accounts");
        using var opened = await browser.GetAsync(hostedUrl);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using var chosen = await browser.PostAsync(page, Form(secret, ("step", "institution"), ("institution", "stripebank"), ("decision", "continue")));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        using var linked = await browser.PostAsync(page, Form(secret,
            [("step", "accounts"), ("institution", "stripebank"), .. accounts.Select(a => ("account", a)), ("decision", "link")]));
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        return linked.Headers.Location!.OriginalString;
    }

    private static FormUrlEncodedContent Form(string secret, params (string Key, string Value)[] fields) =>
        new(fields.Append((Key: "client_secret", Value: secret)).Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private async Task<T> AsAsync<T>(Dashboard.Data.DashboardUser user, Func<BankAccountLinks, Task<T>> action)
    {
        await using var scope = await App.SignedInScopeAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<BankAccountLinks>());
    }
}
