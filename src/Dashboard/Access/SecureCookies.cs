using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// The sign-in cookies (every Identity cookie scheme) and the antiforgery cookie as the environment allows. Outside
/// Development they are <c>Secure</c> and named <c>__Host-…</c>, which browsers accept only from https, for path /,
/// without a Domain: no subdomain or plain-http page can set or overwrite them. Development serves plain http on
/// localhost, where browsers refuse that prefix, so there they keep their plain names. The proxy's https reaches the
/// dashboard through the forwarded headers.
/// </summary>
public sealed class SecureCookies(IHostEnvironment environment, IOptions<SecurityPolicyOptions> policy)
    : IPostConfigureOptions<CookieAuthenticationOptions>, IPostConfigureOptions<AntiforgeryOptions>
{
    private const string HostPrefix = "__Host-";

    // Lax: a link from an email or a chat to a dashboard page arrives signed in.
    public void PostConfigure(string? name, CookieAuthenticationOptions options) =>
        Harden(options.Cookie, options.Cookie.Name!, SameSiteMode.Lax);

    // Strict: the token is only ever needed by the dashboard's own forms.
    public void PostConfigure(string? name, AntiforgeryOptions options) =>
        Harden(options.Cookie, policy.Value.AntiforgeryCookieName, SameSiteMode.Strict);

    private void Harden(CookieBuilder cookie, string name, SameSiteMode sameSite)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = sameSite;
        cookie.Path = "/";
        cookie.Domain = null;
        if (environment.IsDevelopment())
        {
            cookie.Name = name;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        else
        {
            cookie.Name = HostPrefix + name;
            cookie.SecurePolicy = CookieSecurePolicy.Always;
        }
    }
}
