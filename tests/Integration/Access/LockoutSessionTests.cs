using System.Net;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

/// <summary>
/// A lockout stops new sign-ins and nothing else: if it ended open sessions, anyone who knows an email could keep its
/// owner signed out. Deactivation still ends them. The sign-in cookie and the circuit are re-checked every
/// <see cref="Recheck"/> here instead of every minute.
/// </summary>
public sealed class LockoutSessionTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_lockout_from_elsewhere_leaves_the_accounts_open_sessions_signed_in_and_deactivation_ends_them()
    {
        await using var host = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = Recheck)));
        var user = await app.AddUserAsync(Role.Support);
        var browser = host.CreateClientFrom(ClientAddresses.Next());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(browser, user.Email!, DashboardFactory.Password)).StatusCode);
        await using var circuit = await app.CircuitOfSessionAsync(user.Id, host);

        var attacker = host.CreateClientFrom(ClientAddresses.Next());
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInForm.PostAsync(attacker, user.Email!, "Wrong-password-1");
        }

        var lockedOut = await SignInForm.PostAsync(attacker, user.Email!, DashboardFactory.Password);
        Assert.Contains("This account is locked", await lockedOut.Content.ReadAsStringAsync());
        await Task.Delay(Recheck * 5);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/employers")).StatusCode);
        Assert.True(await SignedInAsync(circuit));

        await using (var admin = await app.SignedInScopeAsync(Role.Admin))
        {
            Assert.IsType<UserChangeResult.Saved>(await admin.ServiceProvider.GetRequiredService<UserAdministration>().DeactivateAsync(user.Id));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await SignedInAsync(circuit) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Recheck);
        }

        Assert.False(await SignedInAsync(circuit));
        var page = await browser.GetAsync("/employers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location?.AbsolutePath);
    }

    private static async Task<bool> SignedInAsync(AsyncServiceScope circuit)
    {
        var state = await circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        return state.User.Identity?.IsAuthenticated == true;
    }
}
