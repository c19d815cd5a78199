using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Users;

/// <summary>On a database of its own, so no other test's admins count.</summary>
public sealed class LastAdminTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task The_last_active_admin_keeps_the_role_and_cannot_be_deactivated()
    {
        var ada = await app.AddUserAsync(Role.Admin);
        // Ada's session, like an open circuit, keeps the roles it signed in with until revalidation ends it.
        await using var adaSession = await app.SignedInScopeAsync(ada);
        var asAda = adaSession.ServiceProvider.GetRequiredService<UserAdministration>();

        var ownRole = Assert.IsType<UserChangeResult.Refused>(await asAda.ChangeAccessAsync(ada.Id, [Role.Support], []));
        Assert.Contains("last active admin", Assert.Single(ownRole.Problems));

        var bea = await app.AddUserAsync(Role.Admin);
        await using (var beaSession = await app.SignedInScopeAsync(bea))
        {
            Assert.IsType<UserChangeResult.Saved>(
                await beaSession.ServiceProvider.GetRequiredService<UserAdministration>().ChangeAccessAsync(ada.Id, [Role.Support], []));
        }

        var deactivateBea = Assert.IsType<UserChangeResult.Refused>(await asAda.DeactivateAsync(bea.Id));
        var demoteBea = Assert.IsType<UserChangeResult.Refused>(await asAda.ChangeAccessAsync(bea.Id, [Role.AccountManager], []));

        Assert.Contains("last active admin", Assert.Single(deactivateBea.Problems));
        Assert.Contains("last active admin", Assert.Single(demoteBea.Problems));
        await using var scope = app.Services.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var stillBea = await userManager.FindByIdAsync(bea.Id);
        Assert.Null(stillBea!.DeactivatedAt);
        Assert.True(await userManager.IsInRoleAsync(stillBea, nameof(Role.Admin)));
    }
}
