using System.Net;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.BankAccounts;

/// <summary>The bank accounts list and its CSV: searched, filtered and sorted in PostgreSQL, within the caller's scope.</summary>
[Collection(StripeSandboxCollection.Name)]
public sealed class BankAccountDirectoryTests(StripeSandboxFixture stripe)
{
    private DashboardFactory App => stripe.Dashboard;

    [Fact]
    public async Task An_employer_admin_sees_only_their_employers_accounts_and_staff_see_all()
    {
        var (mine, theirs) = await App.AddTwoEmployersAsync("Scope Mine", "Scope Theirs");
        var own = await stripe.AddBankAccountAsync(mine, "Own Credit Union");
        var foreign = await stripe.AddBankAccountAsync(theirs, "Foreign Credit Union");

        var employerAdmin = await ListAsync(Role.EmployerAdmin, Everything(), mine);
        var support = await ListAsync(Role.Support, Everything());

        Assert.Equal([own.Id], employerAdmin.Items.Select(r => r.Id));
        Assert.Contains(support.Items, r => r.Id == own.Id);
        Assert.Contains(support.Items, r => r.Id == foreign.Id);
        Assert.Equal(mine.Name, employerAdmin.Items[0].EmployerName);
    }

    [Fact]
    public async Task Search_status_filter_and_sort_happen_in_the_database()
    {
        var employer = await App.AddEmployerAsync("Filter Bank Co");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var zeta = await stripe.AddBankAccountAsync(employer, $"Zeta {tag}");
        var alpha = await stripe.AddBankAccountAsync(employer, $"Alpha {tag}");
        var inactive = await stripe.AddBankAccountAsync(employer, $"Middle {tag}", status: "inactive");

        var byName = await ListAsync(Role.AccountManager, Everything() with { Search = tag.ToUpperInvariant(), Sort = BankAccountSortColumn.Institution, Descending = false }, employer);
        var onlyInactive = await ListAsync(Role.AccountManager, Everything() with { Search = tag, Status = BankAccountStatus.Inactive }, employer);
        var paged = await ListAsync(Role.AccountManager, Everything() with { Search = tag, Sort = BankAccountSortColumn.Institution, Page = new PageRequest(1, 1) }, employer);

        Assert.Equal([alpha.Id, inactive.Id, zeta.Id], byName.Items.Select(r => r.Id));
        Assert.Equal([inactive.Id], onlyInactive.Items.Select(r => r.Id));
        Assert.Equal(3, paged.TotalCount);
        Assert.Equal([inactive.Id], paged.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task The_csv_holds_what_the_caller_may_see_with_the_list_filters()
    {
        var (mine, theirs) = await App.AddTwoEmployersAsync("Csv Mine", "Csv Theirs");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await stripe.AddBankAccountAsync(mine, $"=Own Bank {tag}");
        await stripe.AddBankAccountAsync(theirs, $"Their Bank {tag}");
        var user = await App.AddUserAsync(Role.EmployerAdmin, mine);
        var client = await App.SignedInClientAsync(user);

        using var response = await client.GetAsync(BankAccountExport.For(Everything() with { Search = tag }));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("employer,institution,display_name,last4,", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains($"'=Own Bank {tag}", row);
        Assert.Contains("Active", row);
        Assert.DoesNotContain("Their Bank", csv);
        Assert.DoesNotContain(StripeSandboxFixture.SecretKey, csv);
    }

    [Fact]
    public async Task Support_may_not_export()
    {
        var user = await App.AddUserAsync(Role.Support);
        var client = await App.SignedInClientAsync(user);

        using var response = await client.GetAsync(BankAccountExport.Path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static BankAccountListQuery Everything() => new(null, null, BankAccountSortColumn.Linked, true, new PageRequest(0, 100));

    private async Task<Page<BankAccountRow>> ListAsync(Role role, BankAccountListQuery query, params Employer[] grants)
    {
        await using var scope = await App.SignedInScopeAsync(role, grants);
        return await scope.ServiceProvider.GetRequiredService<BankAccountDirectory>().ListAsync(query);
    }
}
