using System.Net;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace FinchDashboard.Integration.Access;

/// <summary>The sign-in and antiforgery cookies as browsers receive them, outside Development and in it.</summary>
public sealed class SecureCookieTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Outside_development_both_cookies_are_secure_host_only_cookies()
    {
        var user = await app.AddUserAsync(Role.Support);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false,
        });

        var form = await client.GetAsync("/account/login");
        var signedIn = await SignInForm.PostAsync(client, user.Email!, DashboardFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertCookie(SignInForm.SetCookie(form, "__Host-finch_antiforgery"), secure: true, "samesite=strict");
        AssertCookie(SignInForm.SetCookie(signedIn, "__Host-finch_dashboard"), secure: true, "samesite=lax");
        Assert.DoesNotContain(SignInForm.SetCookies(signedIn).Concat(SignInForm.SetCookies(form)), c => c.StartsWith("finch_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_development_over_plain_http_they_keep_their_names_and_signing_in_works()
    {
        var user = await app.AddUserAsync(Role.Support);
        await using var development = app.WithWebHostBuilder(builder => builder.UseEnvironment(Environments.Development));
        var client = development.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var form = await client.GetAsync("/account/login");
        var signedIn = await SignInForm.PostAsync(client, user.Email!, DashboardFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AssertCookie(SignInForm.SetCookie(form, "finch_antiforgery"), secure: false, "samesite=strict");
        var signInCookie = SignInForm.SetCookie(signedIn, "finch_dashboard");
        AssertCookie(signInCookie, secure: false, "samesite=lax");
        using var page = new HttpRequestMessage(HttpMethod.Get, "/employers") { Headers = { { "Cookie", signInCookie.Split(';')[0] } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(page)).StatusCode);
    }

    private static void AssertCookie(string setCookie, bool secure, string sameSite)
    {
        var attributes = SignInForm.Attributes(setCookie);
        Assert.Equal(secure, attributes.Contains("secure"));
        Assert.Contains("httponly", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains(sameSite, attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }
}
