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
    /// (validated at start-up), the sign-in cookie with its sessions held in the database, the keys protecting it (in
    /// the database too), one authorization policy per permission, the caller resolved from the sign-in, and the
    /// database as that caller may see it.
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
            .Validate(o => o.IdleTimeout >= 2 * SignInSessionPolicy.SightingInterval,
                $"{SecurityPolicyOptions.Section}:IdleTimeout must be at least {2 * SignInSessionPolicy.SightingInterval:c}: use of a session is recorded once a minute.")
            .Validate(o => o.AbsoluteLifetime >= o.IdleTimeout,
                $"{SecurityPolicyOptions.Section}:AbsoluteLifetime must be at least {SecurityPolicyOptions.Section}:IdleTimeout.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.CookieName), $"{SecurityPolicyOptions.Section}:CookieName must not be empty.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AntiforgeryCookieName), $"{SecurityPolicyOptions.Section}:AntiforgeryCookieName must not be empty.")
            .ValidateOnStart();

        var dataProtection = services.AddDataProtection().SetApplicationName("FinchDashboard").PersistKeysToDbContext<DashboardDbContext>();
        if ((configuration.GetSection(DataProtectionKeysOptions.Section).Get<DataProtectionKeysOptions>() ?? new()).LoadCertificate() is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
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
        services.AddSingleton<SignInSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SecurityPolicyOptions>, SignInSessionStore>((options, policy, sessions) =>
        {
            options.Cookie.Name = policy.Value.CookieName;
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/access-denied";
            // The session store decides when a session ends (idle or absolute); the ticket's own expiry is only a backstop.
            options.SessionStore = sessions;
            options.ExpireTimeSpan = policy.Value.AbsoluteLifetime;
            options.SlidingExpiration = false;
        });
        // How stale a sign-in may be: after this, the next request re-reads the user and compares the security stamp, a
        // second line behind the sessions that deactivation, a password reset or a role change delete outright
        // (circuits: RevalidatingAuthenticationStateProvider).
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
