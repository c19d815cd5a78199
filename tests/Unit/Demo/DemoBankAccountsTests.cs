using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.BankAccounts;

namespace FinchDashboard.Unit.Demo;

public class DemoBankAccountsTests
{
    private static DemoData.DemoUser User(string email) => DemoData.Users.Single(u => u.Email == email);

    private static bool HasInScope(DemoData.DemoUser user, string employerCustomerId) =>
        Roles.SeeEveryEmployer([user.Role]) || user.EmployerCustomerIds.Contains(employerCustomerId);

    [Fact]
    public void The_mix_spreads_mostly_active_accounts_with_a_few_inactive_and_disconnected_ones_over_every_demo_employer()
    {
        var mix = DemoBankAccounts.Mix;

        Assert.InRange(mix.Count, 10, 14);
        Assert.Equal(DemoData.Employers.Select(e => e.CustomerId).Order(), mix.Select(a => a.EmployerCustomerId).Distinct().Order());
        Assert.True(mix.Count(a => a.Status == BankAccountStatus.Active) > mix.Count / 2);
        Assert.InRange(mix.Count(a => a.Status == BankAccountStatus.Inactive), 1, 2);
        Assert.Equal(2, mix.Count(a => a.Status == BankAccountStatus.Disconnected));
        Assert.True(mix.Select(a => a.InstitutionName).Distinct().Count() >= 10);
        Assert.Equal(mix.Count, mix.Select(a => a.Last4).Distinct().Count());
        Assert.All(mix, a => Assert.Contains(a.Subcategory, new[] { "checking", "savings" }));
    }

    [Fact]
    public void The_demo_employer_admins_employer_has_an_active_an_inactive_and_a_disconnected_account()
    {
        var acme = User("employer@demo.local").EmployerCustomerIds.Single();

        Assert.Equal(
            [BankAccountStatus.Active, BankAccountStatus.Inactive, BankAccountStatus.Disconnected],
            DemoBankAccounts.Mix.Where(a => a.EmployerCustomerId == acme).Select(a => a.Status).Distinct().Order());
    }

    [Fact]
    public void Each_account_was_linked_and_disconnected_by_a_demo_user_whose_role_and_scope_allow_it_and_in_that_order()
    {
        Assert.All(DemoBankAccounts.Mix, account =>
        {
            var linkedBy = User(account.LinkedByEmail);
            Assert.True(linkedBy.Role.Grants(Permission.LinkBankAccount) && HasInScope(linkedBy, account.EmployerCustomerId), account.Last4);
            Assert.True(account.LinkedDaysAgo > 0);
            Assert.Equal(account.Status == BankAccountStatus.Disconnected, account.Disconnection is not null);
            if (account.Disconnection is { } disconnection)
            {
                var by = User(disconnection.ByEmail);
                Assert.True(by.Role.Grants(Permission.DisconnectBankAccount) && HasInScope(by, account.EmployerCustomerId), account.Last4);
                Assert.InRange(disconnection.DaysAgo, 1, account.LinkedDaysAgo - 1);
                Assert.False(string.IsNullOrWhiteSpace(disconnection.Reason));
            }
        });
    }

    [Theory]
    [InlineData("http://127.0.0.1:5190", true)]
    [InlineData("http://localhost:5190/", true)]
    [InlineData("http://[::1]:5190", true)]
    [InlineData("https://api.stripe.com", false)]
    [InlineData("http://10.0.0.5:5190", false)]
    [InlineData("not a url", false)]
    public void Only_an_api_base_on_this_machine_is_taken_for_the_emulator(string apiBase, bool emulator) =>
        Assert.Equal(emulator, DemoBankAccounts.IsEmulator(apiBase));

    [Theory]
    [InlineData(BankAccountStatus.Active)]
    [InlineData(BankAccountStatus.Inactive)]
    [InlineData(BankAccountStatus.Disconnected)]
    public void A_status_goes_to_stripes_wire_name_and_back(BankAccountStatus status)
    {
        Assert.True(BankAccountStatuses.TryParseWireName(status.WireName(), out var parsed));
        Assert.Equal(status, parsed);
    }
}
