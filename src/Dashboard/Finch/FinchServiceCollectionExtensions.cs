using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Finch;

public static class FinchServiceCollectionExtensions
{
    /// <summary>
    /// Finch's options (validated at start-up), the typed clients for Connect sessions and for connections, their
    /// shared retry/timeout pipeline and the webhook verifier.
    /// </summary>
    public static IHostApplicationBuilder AddFinch(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(FinchOptions.Section);
        services.AddOptions<FinchOptions>()
            .Bind(section)
            // The binder cannot turn one "a b,c" string into a list, so the secrets are read here in either form.
            .Configure(options => options.WebhookSecrets = ReadSecrets(section.GetSection(nameof(FinchOptions.WebhookSecrets))))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FinchOptions>, FinchOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<FinchResiliencePipeline>();
        services.AddTransient<FinchResilienceHandler>();
        services.AddHttpClient<FinchConnectClient>(ConfigureHttpClient).AddHttpMessageHandler<FinchResilienceHandler>();
        services.AddHttpClient<FinchConnectionClient>(ConfigureHttpClient).AddHttpMessageHandler<FinchResilienceHandler>();
        services.AddSingleton<FinchWebhookVerifier>();
        return builder;
    }

    private static void ConfigureHttpClient(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<FinchOptions>>().Value;
        http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Add(FinchHeaders.ApiVersion, options.ApiVersion);
        // FinchResiliencePipeline owns every timeout; HttpClient's own 100 s would cut Finch's 6-minute attempts short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static IReadOnlyList<string> ReadSecrets(IConfigurationSection section) =>
        section.Value is not null
            ? FinchOptions.SplitSecrets(section.Value)
            : [.. section.GetChildren().SelectMany(child => FinchOptions.SplitSecrets(child.Value))];
}
