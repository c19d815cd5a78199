using FinchDashboard.Domain.BankAccounts;

namespace FinchDashboard.Unit.BankAccounts;

/// <summary>The rules for what Stripe says of an account: later news wins, and Disconnected is final.</summary>
public class BankAccountTests
{
    private static readonly DateTimeOffset Linked = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static StripeAccountSnapshot Snapshot(BankAccountStatus status, DateTimeOffset observedAt, string institution = "PNC Bank") =>
        new("fca_1", "cus_1", institution, "Operating", "4242", "cash", "checking", status, ["payment_method", "balances"],
            new BankAccountRefresh("succeeded", observedAt), null, null, false, observedAt);

    private static BankAccount Account() => BankAccount.Link(Guid.NewGuid(), Guid.NewGuid(), Snapshot(BankAccountStatus.Active, Linked), "Ana Manager", Linked);

    [Fact]
    public void A_linked_account_holds_what_stripe_said_and_who_linked_it()
    {
        var account = Account();

        Assert.Equal(BankAccountStatus.Active, account.Status);
        Assert.Equal("PNC Bank", account.InstitutionName);
        Assert.Equal("4242", account.Last4);
        Assert.Equal(["payment_method", "balances"], account.Permissions);
        Assert.Equal(new BankAccountRefresh("succeeded", Linked), account.RefreshOf(BankAccountRefreshKind.Balance));
        Assert.Null(account.RefreshOf(BankAccountRefreshKind.Transactions));
        Assert.Equal("Ana Manager", account.LinkedBy);
        Assert.Null(account.DisconnectedAt);
    }

    [Fact]
    public void Later_news_is_taken_and_earlier_news_changes_nothing()
    {
        var account = Account();

        Assert.True(account.Observe(Snapshot(BankAccountStatus.Inactive, Linked.AddMinutes(5)), "Stripe"));
        Assert.False(account.Observe(Snapshot(BankAccountStatus.Active, Linked.AddMinutes(1), "Old name"), "Stripe"));

        Assert.Equal(BankAccountStatus.Inactive, account.Status);
        Assert.Equal("PNC Bank", account.InstitutionName);
    }

    [Fact]
    public void News_from_the_same_second_is_taken_because_stripes_times_are_whole_seconds()
    {
        var account = BankAccount.Link(Guid.NewGuid(), Guid.NewGuid(), Snapshot(BankAccountStatus.Active, Linked.AddMilliseconds(700)), "Ana", Linked);

        Assert.True(account.Observe(Snapshot(BankAccountStatus.Disconnected, Linked), "Stripe"));
        Assert.Equal(BankAccountStatus.Disconnected, account.Status);
    }

    [Fact]
    public void Disconnected_is_final_and_remembers_who_and_when()
    {
        var account = Account();
        var disconnectedAt = Linked.AddHours(1);

        account.Observe(Snapshot(BankAccountStatus.Disconnected, disconnectedAt), "Stripe");
        account.Observe(Snapshot(BankAccountStatus.Active, Linked.AddHours(2)), "Stripe");

        Assert.Equal(BankAccountStatus.Disconnected, account.Status);
        Assert.Equal("Stripe", account.DisconnectedBy);
        Assert.Equal(disconnectedAt, account.DisconnectedAt);
        Assert.Null(account.DisconnectReason);
    }

    [Fact]
    public void A_users_disconnect_records_them_and_their_reason_even_after_stripes_event()
    {
        var account = Account();
        var at = Linked.AddHours(1);
        account.Observe(Snapshot(BankAccountStatus.Disconnected, at), "Stripe");

        account.RecordDisconnect(Snapshot(BankAccountStatus.Disconnected, at.AddSeconds(1)), "Ana Manager", "Employer closed the account");

        Assert.Equal(BankAccountStatus.Disconnected, account.Status);
        Assert.Equal("Ana Manager", account.DisconnectedBy);
        Assert.Equal("Employer closed the account", account.DisconnectReason);
        Assert.Equal(at, account.DisconnectedAt);
    }

    [Fact]
    public void A_disconnect_stripe_did_not_confirm_records_nothing()
    {
        var account = Account();

        account.RecordDisconnect(Snapshot(BankAccountStatus.Active, Linked.AddHours(1)), "Ana Manager", "Closing");

        Assert.Equal(BankAccountStatus.Active, account.Status);
        Assert.Null(account.DisconnectedBy);
        Assert.Null(account.DisconnectReason);
    }
}
