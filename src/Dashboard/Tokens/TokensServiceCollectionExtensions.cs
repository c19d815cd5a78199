using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Tokens;

public static class TokensServiceCollectionExtensions
{
    /// <summary>Connections' access tokens, sealed at rest with the configured keys (validated at start-up).</summary>
    public static IHostApplicationBuilder AddTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenEncryptionOptions>()
            .Bind(builder.Configuration.GetSection(TokenEncryptionOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TokenEncryptionOptions>, TokenEncryptionOptionsValidation>();
        builder.Services.AddSingleton<AccessTokenProtector>();
        builder.Services.AddSingleton<ConnectionTokens>();
        return builder;
    }
}
