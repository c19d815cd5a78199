using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Demo;

public sealed class DemoDataTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string PublishedKey = "FINCHDEMOTOTPSECRETFORTHEDEMOXYZ";

    [Fact]
    public async Task The_demo_users_whose_role_requires_two_step_sign_in_have_the_published_key_and_keep_it_after_a_reset()
    {
        await SeedAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            foreach (var demoUser in DemoData.Users)
            {
                var user = (await users.FindByEmailAsync(demoUser.Email))!;
                var required = Roles.RequireMfa([demoUser.Role]);
                Assert.Equal(required, user.TwoFactorEnabled);
                Assert.Equal(required ? PublishedKey : null, await users.GetAuthenticatorKeyAsync(user));
            }

            // An admin's reset in the demo is undone at the next start, so the README's key keeps working.
            var admin = (await users.FindByEmailAsync("admin@demo.local"))!;
            await users.SetTwoFactorEnabledAsync(admin, false);
            await users.ResetAuthenticatorKeyAsync(admin);
        }

        await SeedAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var admin = (await users.FindByEmailAsync("admin@demo.local"))!;
            Assert.True(admin.TwoFactorEnabled);
            Assert.Equal(PublishedKey, await users.GetAuthenticatorKeyAsync(admin));
        }
    }

    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(DashboardFactory.Password, PublishedKey);
    }
}
