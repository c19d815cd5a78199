using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Mfa;

public static class MfaServiceCollectionExtensions
{
    /// <summary>
    /// Multi-factor sign-in with Identity's authenticator support: codes accepted once each, the issuer authenticator
    /// apps show (validated at start-up), and users' own enrolment. Who must use it is <c>Roles.RequireMfa</c>; that
    /// sessions respect it is Access's <c>DashboardSignInManager</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMfa(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MfaOptions>()
            .Bind(builder.Configuration.GetSection(MfaOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && o.Issuer.Length <= MfaOptions.IssuerMaxLength && !o.Issuer.Contains(':'),
                $"{MfaOptions.Section}:Issuer must be 1 to {MfaOptions.IssuerMaxLength} characters without a colon.")
            .ValidateOnStart();

        services.AddTransient<SingleUseAuthenticatorTokenProvider>();
        services.Configure<IdentityOptions>(identity =>
            identity.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] = new TokenProviderDescriptor(typeof(SingleUseAuthenticatorTokenProvider)));
        services.AddScoped<MfaEnrolment>();
        return builder;
    }
}
