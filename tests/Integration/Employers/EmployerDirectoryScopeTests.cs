using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Employers;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Employers;

/// <summary>The first role-scoped service, tried against PostgreSQL by people who should and should not see things.</summary>
public sealed class EmployerDirectoryScopeTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private Employer _employerA = default!;
    private Employer _employerB = default!;
    private Employer _employerC = default!;

    public async Task InitializeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        _employerA = await app.AddEmployerAsync($"Alpha Foods {tag}");
        _employerB = await app.AddEmployerAsync($"Bravo Freight {tag}");
        _employerC = await app.AddEmployerAsync($"Charlie Clinics {tag}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_employer_admin_of_A_cannot_read_B_by_id()
    {
        var user = await app.AddUserAsync(Role.EmployerAdmin, _employerA);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        Assert.NotNull(await directory.FindAsync(_employerA.Id));
        Assert.Null(await directory.FindAsync(_employerB.Id));
    }

    [Fact]
    public async Task An_employer_admin_of_A_lists_only_A()
    {
        var user = await app.AddUserAsync(Role.EmployerAdmin, _employerA);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        var page = await directory.ListAsync(new EmployerListQuery(null, EmployerSort.NameAscending, new PageRequest(0, 200)));

        Assert.Equal(1, page.TotalCount);
        Assert.Equal(_employerA.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task An_employer_admin_of_A_searching_for_B_finds_nothing()
    {
        var user = await app.AddUserAsync(Role.EmployerAdmin, _employerA);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        foreach (var term in new[] { _employerB.Name, _employerB.CustomerId, "Bravo" })
        {
            var page = await directory.ListAsync(new EmployerListQuery(term, EmployerSort.NameAscending, new PageRequest(0, 200)));
            Assert.Equal(0, page.TotalCount);
            Assert.Empty(page.Items);
        }
    }

    [Fact]
    public async Task A_PEO_admin_sees_each_granted_employer_and_no_other()
    {
        var user = await app.AddUserAsync(Role.EmployerAdmin, _employerA, _employerB);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        var page = await directory.ListAsync(new EmployerListQuery(null, EmployerSort.NameAscending, new PageRequest(0, 200)));

        Assert.Equal([_employerA.Id, _employerB.Id], page.Items.Select(e => e.Id));
        Assert.Null(await directory.FindAsync(_employerC.Id));
    }

    [Fact]
    public async Task An_account_manager_sees_their_book()
    {
        var user = await app.AddUserAsync(Role.AccountManager, _employerB, _employerC);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        var page = await directory.ListAsync(new EmployerListQuery(null, EmployerSort.NameDescending, new PageRequest(0, 200)));

        Assert.Equal([_employerC.Id, _employerB.Id], page.Items.Select(e => e.Id));
        Assert.Null(await directory.FindAsync(_employerA.Id));
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Support)]
    public async Task Admin_and_support_see_every_employer(Role role)
    {
        var user = await app.AddUserAsync(role);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        foreach (var employer in new[] { _employerA, _employerB, _employerC })
        {
            Assert.NotNull(await directory.FindAsync(employer.Id));
        }

        var page = await directory.ListAsync(new EmployerListQuery(_employerA.Name, EmployerSort.NameAscending, new PageRequest(0, 200)));
        Assert.Equal(_employerA.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task Paging_happens_in_the_database_and_reports_the_full_total()
    {
        var user = await app.AddUserAsync(Role.AccountManager, _employerA, _employerB, _employerC);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        var second = await directory.ListAsync(new EmployerListQuery(null, EmployerSort.NameAscending, new PageRequest(1, 1)));

        Assert.Equal(3, second.TotalCount);
        Assert.Equal(_employerB.Id, Assert.Single(second.Items).Id);
    }

    [Fact]
    public async Task Nobody_signed_in_sees_no_employer()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal())));
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        Assert.Null(await directory.FindAsync(_employerA.Id));
        Assert.Equal(0, (await directory.ListAsync(new EmployerListQuery(null, EmployerSort.NameAscending, new PageRequest(0, 10)))).TotalCount);
    }

    [Fact]
    public async Task A_context_nobody_scoped_sees_no_employer_owned_rows()
    {
        await app.AddUserAsync(Role.EmployerAdmin, _employerA);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

        Assert.Equal(0, await db.Employers.CountAsync());
        Assert.Equal(0, await db.EmployerGrants.CountAsync());
        Assert.True(await db.Employers.IgnoreQueryFilters().AnyAsync(e => e.Id == _employerA.Id));
    }
}
