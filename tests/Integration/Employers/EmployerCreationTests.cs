using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Employers;

public sealed class EmployerCreationTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task An_account_managers_new_employer_joins_their_book_at_once()
    {
        await using var scope = await app.SignedInScopeAsync(Role.AccountManager);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();
        var customerId = $"new-{Guid.NewGuid():N}";

        var created = Assert.IsType<NewEmployerResult.Created>(await directory.CreateAsync(customerId, " Fresh Co ", "hr@fresh.example"));

        Assert.Equal("Fresh Co", created.Employer.Name);
        Assert.NotNull(await directory.FindAsync(created.Employer.Id));
    }

    [Fact]
    public async Task Employer_admins_cannot_add_employers()
    {
        await using var scope = await app.SignedInScopeAsync(Role.EmployerAdmin);

        var result = await scope.ServiceProvider.GetRequiredService<EmployerDirectory>().CreateAsync($"x-{Guid.NewGuid():N}", "X", null);

        Assert.IsType<NewEmployerResult.Invalid>(result);
    }

    [Fact]
    public async Task Bad_or_duplicate_input_is_refused_with_reasons()
    {
        var existing = await app.AddEmployerAsync("Taken Co");
        await using var scope = await app.SignedInScopeAsync(Role.Admin);
        var directory = scope.ServiceProvider.GetRequiredService<EmployerDirectory>();

        var missing = Assert.IsType<NewEmployerResult.Invalid>(await directory.CreateAsync(" ", "", "not-an-email"));
        Assert.Equal(3, missing.Problems.Count);
        var duplicate = Assert.IsType<NewEmployerResult.Invalid>(await directory.CreateAsync(existing.CustomerId, "Again", null));
        Assert.Contains("already in use", Assert.Single(duplicate.Problems));
    }
}
