using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Who the caller is and what they may do: Identity with the configured <see cref="SecurityPolicyOptions"/>
    /// (validated at start-up), the sign-in cookie and the keys protecting it, one authorization policy per permission,
    /// the caller resolved from the sign-in, and the database as that caller may see it.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<SecurityPolicyOptions>()
            .Bind(configuration.GetSection(SecurityPolicyOptions.Section))
            .Validate(o => o.MaxFailedSignInAttempts >= 1, $"{SecurityPolicyOptions.Section}:MaxFailedSignInAttempts must be at least 1.")
            .Validate(o => o.LockoutDuration > TimeSpan.Zero, $"{SecurityPolicyOptions.Section}:LockoutDuration must be positive.")
            .Validate(o => o.MinPasswordLength is >= SecurityPolicyOptions.ShortestAllowedPassword and <= OneTimePassword.Length,
                $"{SecurityPolicyOptions.Section}:MinPasswordLength must be between {SecurityPolicyOptions.ShortestAllowedPassword} and {OneTimePassword.Length} (the length of a generated password).")
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, $"{SecurityPolicyOptions.Section}:SessionLifetime must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.CookieName), $"{SecurityPolicyOptions.Section}:CookieName must not be empty.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AntiforgeryCookieName), $"{SecurityPolicyOptions.Section}:AntiforgeryCookieName must not be empty.")
            .ValidateOnStart();

        var dataProtection = services.AddDataProtection().SetApplicationName("FinchDashboard");
        if (configuration.GetSection(DataProtectionKeysOptions.Section).Get<DataProtectionKeysOptions>()?.KeysDirectory is { Length: > 0 } keysDirectory)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        }

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SecureCookies>();
        services.AddSingleton<IPostConfigureOptions<AntiforgeryOptions>, SecureCookies>();
        services.AddAuthorization(options =>
        {
            options.AddPermissionPolicies();
            // A new endpoint or page is never anonymous by accident: what must be says so itself.
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddIdentityCore<DashboardUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager<DashboardSignInManager>()
            .AddClaimsPrincipalFactory<DashboardClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityPolicyOptions>>((options, policy) =>
        {
            options.User.RequireUniqueEmail = true;
            options.Lockout.AllowedForNewUsers = true;
            options.Lockout.MaxFailedAccessAttempts = policy.Value.MaxFailedSignInAttempts;
            options.Lockout.DefaultLockoutTimeSpan = policy.Value.LockoutDuration;
            options.Password.RequiredLength = policy.Value.MinPasswordLength;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SecurityPolicyOptions>>((options, policy) =>
        {
            options.Cookie.Name = policy.Value.CookieName;
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = policy.Value.SessionLifetime;
            options.SlidingExpiration = policy.Value.SlidingExpiration;
        });
        // How stale a sign-in cookie may be: after this, the next request re-reads the user, so a deactivated user,
        // a reset password or changed roles end the session within a minute (circuits: RevalidatingAuthenticationStateProvider).
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = RevalidatingAuthenticationStateProvider.Interval;
            options.OnRefreshingPrincipal = MfaSession.KeepProofAsync;
        });

        services.AddScoped<CurrentCaller>();
        services.AddScoped<EmployerData>();
        return builder;
    }
}
