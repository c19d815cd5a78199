using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Integration.BankAccounts;

/// <summary>
/// Disconnecting a bank account: the dashboard on PostgreSQL calling the running Stripe emulator through Stripe.net.
/// Stripe is asked first; its failures, slow answers and 429s change nothing here and say why.
/// </summary>
[Collection(StripeSandboxCollection.Name)]
public sealed class BankAccountDisconnectorTests(StripeSandboxFixture stripe) : IAsyncLifetime
{
    private DashboardFactory App => stripe.Dashboard;

    public Task InitializeAsync() => stripe.ResetFaultsAsync();

    public Task DisposeAsync() => stripe.ResetFaultsAsync();

    [Fact]
    public async Task An_account_manager_disconnects_through_stripe_and_the_account_and_audit_record_follow_stripes_answer()
    {
        var employer = await App.AddEmployerAsync("Disconnect Bank Co");
        var account = await stripe.AddBankAccountAsync(employer);

        var outcome = await DisconnectAsync(Role.AccountManager, account.Id, "Employer moved payroll funding to another bank", employer);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Contains("stays readable", outcome.Message);
        Assert.StartsWith("req_", outcome.StripeRequestId);
        var atStripe = await new FinancialConnections.AccountService(stripe.Stripe).GetAsync(account.StripeAccountId);
        Assert.Equal("disconnected", atStripe.Status);
        var stored = await stripe.FindBankAccountAsync(account.StripeAccountId);
        Assert.Equal(BankAccountStatus.Disconnected, stored!.Status);
        Assert.Equal("Test AccountManager", stored.DisconnectedBy);
        Assert.Equal("Employer moved payroll funding to another bank", stored.DisconnectReason);
        Assert.NotNull(stored.DisconnectedAt);
        Assert.Equal("PNC Bank", stored.InstitutionName);
        Assert.Equal("4242", stored.Last4);
        var audit = await AuditOfAsync(account.Id);
        Assert.Equal(AuditOutcome.Succeeded, audit.Outcome);
        Assert.Equal(outcome.StripeRequestId, audit.StripeRequestId);
        Assert.Equal("Employer moved payroll funding to another bank", audit.Reason);
    }

    [Fact]
    public async Task An_employer_admin_disconnects_their_own_employers_account()
    {
        var employer = await App.AddEmployerAsync("Own Bank Co");
        var account = await stripe.AddBankAccountAsync(employer);

        var outcome = await DisconnectAsync(Role.EmployerAdmin, account.Id, "We closed this account", employer);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(BankAccountStatus.Disconnected, (await stripe.FindBankAccountAsync(account.StripeAccountId))!.Status);
    }

    [Theory]
    [InlineData("rate_limit", "429")]
    [InlineData("api_error", "problem of its own")]
    public async Task A_stripe_failure_changes_nothing_here_and_says_why(string fault, string expected)
    {
        var employer = await App.AddEmployerAsync("Failing Bank Co");
        var account = await stripe.AddBankAccountAsync(employer);
        await stripe.AddFaultAsync(fault, 1, "/v1/financial_connections/accounts");

        var outcome = await DisconnectAsync(Role.Admin, account.Id, "Closing", employer);

        Assert.False(outcome.Succeeded);
        Assert.Contains(expected, outcome.Message);
        Assert.Contains("nothing was changed", outcome.Message);
        Assert.Equal(BankAccountStatus.Active, (await stripe.FindBankAccountAsync(account.StripeAccountId))!.Status);
        Assert.Equal("active", (await new FinancialConnections.AccountService(stripe.Stripe).GetAsync(account.StripeAccountId)).Status);
        var audit = await AuditOfAsync(account.Id);
        Assert.Equal(AuditOutcome.Failed, audit.Outcome);
        Assert.StartsWith("req_", audit.StripeRequestId);
    }

    [Fact]
    public async Task A_stripe_that_does_not_answer_in_time_changes_nothing_here()
    {
        var employer = await App.AddEmployerAsync("Slow Bank Co");
        var account = await stripe.AddBankAccountAsync(employer);
        await stripe.AddFaultAsync("latency", 1, "/v1/financial_connections/accounts", latencyMs: (int)StripeSandboxFixture.StripeTimeout.TotalMilliseconds * 3);

        var outcome = await DisconnectAsync(Role.Admin, account.Id, "Closing", employer);

        Assert.False(outcome.Succeeded);
        Assert.Contains("did not answer in time", outcome.Message);
        Assert.Equal(BankAccountStatus.Active, (await stripe.FindBankAccountAsync(account.StripeAccountId))!.Status);
        Assert.Equal(AuditOutcome.Failed, (await AuditOfAsync(account.Id)).Outcome);
    }

    [Fact]
    public async Task A_reason_is_required_and_nothing_reaches_stripe_without_one()
    {
        var employer = await App.AddEmployerAsync("Reasonless Bank Co");
        var account = await stripe.AddBankAccountAsync(employer);

        var outcome = await DisconnectAsync(Role.Admin, account.Id, "  ", employer);

        Assert.False(outcome.Succeeded);
        Assert.Contains("Say why", outcome.Message);
        Assert.Equal("active", (await new FinancialConnections.AccountService(stripe.Stripe).GetAsync(account.StripeAccountId)).Status);
    }

    [Fact]
    public async Task Support_cannot_disconnect_and_the_refusal_is_audited()
    {
        var employer = await App.AddEmployerAsync("Support Bank Co");
        var account = await stripe.AddBankAccountAsync(employer);

        var outcome = await DisconnectAsync(Role.Support, account.Id, "Closing");

        Assert.False(outcome.Succeeded);
        Assert.Contains("Your role cannot", outcome.Message);
        Assert.Equal(AuditOutcome.Denied, (await AuditOfAsync(account.Id)).Outcome);
        Assert.Equal("active", (await new FinancialConnections.AccountService(stripe.Stripe).GetAsync(account.StripeAccountId)).Status);
    }

    [Fact]
    public async Task Another_employers_account_is_not_found_and_the_attempt_is_audited()
    {
        var (mine, theirs) = await App.AddTwoEmployersAsync();
        var account = await stripe.AddBankAccountAsync(theirs);

        var outcome = await DisconnectAsync(Role.EmployerAdmin, account.Id, "Closing", mine);

        Assert.False(outcome.Succeeded);
        Assert.Contains("no such bank account", outcome.Message);
        Assert.Equal("active", (await new FinancialConnections.AccountService(stripe.Stripe).GetAsync(account.StripeAccountId)).Status);
        Assert.Equal(AuditAction.OutOfScopeAccess, (await AuditOfAsync(account.Id)).Action);
    }

    private async Task<BankAccountDisconnectOutcome> DisconnectAsync(Role role, Guid accountId, string reason, params Domain.Employers.Employer[] grants)
    {
        await using var scope = await App.SignedInScopeAsync(role, grants);
        return await scope.ServiceProvider.GetRequiredService<BankAccountDisconnector>().DisconnectAsync(accountId, reason);
    }

    private async Task<AuditRecord> AuditOfAsync(Guid accountId)
    {
        await using var db = await App.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.AuditLog.Where(r => r.TargetId == accountId.ToString()).OrderByDescending(r => r.OccurredAt).FirstAsync();
    }
}
