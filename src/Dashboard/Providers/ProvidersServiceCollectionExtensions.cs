namespace FinchDashboard.Dashboard.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>Finch's provider catalogue, cached for everyone, and the provider logos served from it.</summary>
    public static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProviderLogoOptions>()
            .Bind(builder.Configuration.GetSection(ProviderLogoOptions.Section))
            .Validate(o => o.CatalogueLifetime > TimeSpan.Zero,
                $"{ProviderLogoOptions.Section}:{nameof(ProviderLogoOptions.CatalogueLifetime)} must be positive.")
            .Validate(o => o.FailureLifetime > TimeSpan.Zero,
                $"{ProviderLogoOptions.Section}:{nameof(ProviderLogoOptions.FailureLifetime)} must be positive.")
            .Validate(o => o.MaxBytes is >= 1024 and <= 4 * 1024 * 1024,
                $"{ProviderLogoOptions.Section}:{nameof(ProviderLogoOptions.MaxBytes)} must be between 1 KiB and 4 MiB.")
            .Validate(o => o.FetchTimeout > TimeSpan.Zero,
                $"{ProviderLogoOptions.Section}:{nameof(ProviderLogoOptions.FetchTimeout)} must be positive.")
            .Validate(o => o.AllowedHosts.All(h => Uri.CheckHostName(h) is UriHostNameType.Dns),
                $"{ProviderLogoOptions.Section}:{nameof(ProviderLogoOptions.AllowedHosts)} must hold host names only (no scheme, port or path).")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        // No redirects: a redirect could lead to an address the allowed hosts do not cover. No cookies or credentials either.
        builder.Services.AddHttpClient(ProviderLogos.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        builder.Services.AddSingleton<ProviderCatalogue>();
        builder.Services.AddSingleton<ProviderLogos>();
        return builder;
    }
}
