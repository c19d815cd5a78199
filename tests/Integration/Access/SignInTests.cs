using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

public sealed class SignInTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task An_anonymous_visit_is_sent_to_sign_in_with_its_return_address()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/employers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Femployers", response.Headers.Location.Query);
    }

    [Fact]
    public async Task The_sign_in_page_carries_an_antiforgery_token()
    {
        var html = await app.CreateHttpsClient().GetStringAsync("/account/login");

        Assert.Contains("name=\"__RequestVerificationToken\"", html);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var user = await app.AddUserAsync(Role.Support);
        var client = app.CreateHttpsClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = DashboardFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("finch_dashboard=")));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var user = await app.AddUserAsync(Role.EmployerAdmin);
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.False((await signIn.PasswordSignInAsync(user.Email!, "wrong-password", false, lockoutOnFailure: true)).Succeeded);
        }

        var result = await signIn.PasswordSignInAsync(user.Email!, DashboardFactory.Password, false, lockoutOnFailure: true);
        Assert.True(result.IsLockedOut);
        Assert.False(result.Succeeded);
    }
}
