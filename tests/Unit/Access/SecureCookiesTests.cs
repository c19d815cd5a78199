using FinchDashboard.Dashboard.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Access;

/// <summary>The sign-in and antiforgery cookies as AddAccess configures them in and outside Development.</summary>
public class SecureCookiesTests
{
    private static readonly string[] IdentitySchemes =
    [
        IdentityConstants.ApplicationScheme, IdentityConstants.ExternalScheme,
        IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.TwoFactorUserIdScheme,
    ];

    private static CookieBuilder SignInCookie(ServiceProvider services, string scheme = "Identity.Application") =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme).Cookie;

    private static CookieBuilder AntiforgeryCookie(ServiceProvider services) =>
        services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_development_both_cookies_are_secure_host_cookies(string environment)
    {
        using var services = SecurityPolicyTests.Services(environment);

        var signIn = SignInCookie(services);
        Assert.Equal(("__Host-finch_dashboard", CookieSecurePolicy.Always, "/", null, true, SameSiteMode.Lax),
            (signIn.Name, signIn.SecurePolicy, signIn.Path, signIn.Domain, signIn.HttpOnly, signIn.SameSite));
        var antiforgery = AntiforgeryCookie(services);
        Assert.Equal(("__Host-finch_antiforgery", CookieSecurePolicy.Always, "/", null, true, SameSiteMode.Strict),
            (antiforgery.Name, antiforgery.SecurePolicy, antiforgery.Path, antiforgery.Domain, antiforgery.HttpOnly, antiforgery.SameSite));
    }

    [Fact]
    public void Outside_development_every_identity_cookie_is_a_secure_host_cookie()
    {
        using var services = SecurityPolicyTests.Services("Production");

        Assert.All(IdentitySchemes, scheme =>
        {
            var cookie = SignInCookie(services, scheme);
            Assert.StartsWith("__Host-", cookie.Name);
            Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
        });
    }

    [Fact]
    public void Configured_names_get_the_prefix_outside_development()
    {
        using var services = SecurityPolicyTests.Services("Production",
            ("SecurityPolicy:CookieName", "finch_staging"), ("SecurityPolicy:AntiforgeryCookieName", "finch_staging_forms"));

        Assert.Equal(("__Host-finch_staging", "__Host-finch_staging_forms"), (SignInCookie(services).Name, AntiforgeryCookie(services).Name));
    }

    [Fact]
    public void In_development_over_plain_http_the_cookies_keep_their_names_and_follow_the_request()
    {
        using var services = SecurityPolicyTests.Services(Environments.Development);

        var signIn = SignInCookie(services);
        Assert.Equal(("finch_dashboard", CookieSecurePolicy.SameAsRequest, true, SameSiteMode.Lax),
            (signIn.Name, signIn.SecurePolicy, signIn.HttpOnly, signIn.SameSite));
        var antiforgery = AntiforgeryCookie(services);
        Assert.Equal(("finch_antiforgery", CookieSecurePolicy.SameAsRequest, true, SameSiteMode.Strict),
            (antiforgery.Name, antiforgery.SecurePolicy, antiforgery.HttpOnly, antiforgery.SameSite));
    }
}
