namespace FinchDashboard.Dashboard.Tokens;

public static class TokensServiceCollectionExtensions
{
    /// <summary>Connections' access tokens, sealed at rest with the configured keys (validated at start-up).</summary>
    public static IHostApplicationBuilder AddTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenEncryptionOptions>()
            .Bind(builder.Configuration.GetSection(TokenEncryptionOptions.Section))
            .Validate(o => o.Keys.Count > 0, $"{TokenEncryptionOptions.Section}:Keys needs at least one \"id:base64\" AES-256 key (see README.md, Configuration).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AccessTokenProtector>();
        builder.Services.AddSingleton<ConnectionTokens>();
        return builder;
    }
}
