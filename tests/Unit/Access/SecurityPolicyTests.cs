using FinchDashboard.Dashboard.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Access;

/// <summary>AddAccess as the dashboard calls it: the SecurityPolicy section reaches Identity and the sign-in cookie.</summary>
public class SecurityPolicyTests
{
    /// <summary>In Development, where cookies keep the names configured; <see cref="SecureCookiesTests"/> covers the others.</summary>
    private static ServiceProvider Services(params (string Key, string Value)[] settings) => Services(Environments.Development, settings);

    internal static ServiceProvider Services(string environment, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddAccess();
        return builder.Services.BuildServiceProvider();
    }

    private static IdentityOptions Identity(ServiceProvider services) => services.GetRequiredService<IOptions<IdentityOptions>>().Value;

    private static CookieAuthenticationOptions SignInCookie(ServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

    [Fact]
    public void Without_configuration_the_policy_is_todays()
    {
        using var services = Services();

        var identity = Identity(services);
        Assert.Equal((5, TimeSpan.FromMinutes(15), 12), (identity.Lockout.MaxFailedAccessAttempts, identity.Lockout.DefaultLockoutTimeSpan, identity.Password.RequiredLength));
        Assert.True(identity.Lockout.AllowedForNewUsers);
        Assert.True(identity.User.RequireUniqueEmail);
        var cookie = SignInCookie(services);
        Assert.Equal(("finch_dashboard", TimeSpan.FromHours(8), true), (cookie.Cookie.Name, cookie.ExpireTimeSpan, cookie.SlidingExpiration));
        Assert.Equal(("/account/login", "/account/access-denied"), (cookie.LoginPath.Value, cookie.AccessDeniedPath.Value));
    }

    [Fact]
    public void Configured_values_reach_identity_and_the_sign_in_cookie()
    {
        using var services = Services(
            ("SecurityPolicy:MaxFailedSignInAttempts", "3"),
            ("SecurityPolicy:LockoutDuration", "01:00:00"),
            ("SecurityPolicy:MinPasswordLength", "16"),
            ("SecurityPolicy:SessionLifetime", "00:30:00"),
            ("SecurityPolicy:SlidingExpiration", "false"),
            ("SecurityPolicy:CookieName", "finch_dashboard_staging"));

        var identity = Identity(services);
        Assert.Equal((3, TimeSpan.FromHours(1), 16), (identity.Lockout.MaxFailedAccessAttempts, identity.Lockout.DefaultLockoutTimeSpan, identity.Password.RequiredLength));
        var cookie = SignInCookie(services);
        Assert.Equal(("finch_dashboard_staging", TimeSpan.FromMinutes(30), false), (cookie.Cookie.Name, cookie.ExpireTimeSpan, cookie.SlidingExpiration));
    }

    [Theory]
    [InlineData("SecurityPolicy:MaxFailedSignInAttempts", "0", "SecurityPolicy:MaxFailedSignInAttempts must be at least 1.")]
    [InlineData("SecurityPolicy:LockoutDuration", "00:00:00", "SecurityPolicy:LockoutDuration must be positive.")]
    [InlineData("SecurityPolicy:MinPasswordLength", "7", "SecurityPolicy:MinPasswordLength must be between 8 and 19 (the length of a generated password).")]
    [InlineData("SecurityPolicy:MinPasswordLength", "20", "SecurityPolicy:MinPasswordLength must be between 8 and 19 (the length of a generated password).")]
    [InlineData("SecurityPolicy:SessionLifetime", "-00:01:00", "SecurityPolicy:SessionLifetime must be positive.")]
    [InlineData("SecurityPolicy:CookieName", " ", "SecurityPolicy:CookieName must not be empty.")]
    [InlineData("SecurityPolicy:AntiforgeryCookieName", "", "SecurityPolicy:AntiforgeryCookieName must not be empty.")]
    public void A_value_out_of_range_is_named_at_start_up(string key, string value, string failure)
    {
        using var services = Services((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SecurityPolicyOptions>>().Value);

        Assert.Equal([failure], error.Failures);
    }

    [Fact]
    public void A_generated_password_is_as_long_as_the_longest_minimum_allowed()
    {
        Assert.Equal(OneTimePassword.Length, OneTimePassword.Generate().Value.Length);
    }
}
