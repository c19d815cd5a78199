using FinchDashboard.Dashboard.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.Http;

namespace FinchDashboard.Dashboard.Finch;

public static class FinchServiceCollectionExtensions
{
    /// <summary>
    /// Finch's options (validated at start-up), the typed clients for Connect sessions and for connections, their
    /// resilience pipelines (retries, a circuit per endpoint group, timeouts) and the webhook verifier.
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

        services.AddSingleton(provider =>
        {
            var circuits = new FinchCircuits(provider.GetRequiredService<TimeProvider>());
            provider.GetRequiredService<DashboardMetrics>().ObserveOpenCircuits(() => circuits.OpenCount);
            return circuits;
        });
        // Only read when OpenTelemetry tracing is on: Finch's answers name their request for Finch's support.
        services.Configure<HttpClientTraceInstrumentationOptions>(options => options.EnrichWithHttpResponseMessage = (activity, response) =>
        {
            if (FinchCall.RequestIdOf(response) is { } requestId) activity.SetTag(DashboardMetrics.FinchRequestIdTag, requestId);
        });
        services.AddTransient<FinchTelemetryHandler>();
        // The telemetry handler goes inside the resilience handler, so it measures every attempt.
        services.AddHttpClient<FinchConnectClient>(ConfigureHttpClient).AddFinchResilience().AddHttpMessageHandler<FinchTelemetryHandler>();
        services.AddHttpClient<FinchConnectionClient>(ConfigureHttpClient).AddFinchResilience().AddHttpMessageHandler<FinchTelemetryHandler>();
        services.AddSingleton<FinchWebhookVerifier>();
        return builder;
    }

    private static void ConfigureHttpClient(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<FinchOptions>>().Value;
        http.BaseAddress = options.ApiRoot;
        http.DefaultRequestHeaders.Add(FinchHeaders.ApiVersion, options.ApiVersion);
        // FinchResilience owns every timeout; HttpClient's own 100 s would cut Finch's 6-minute attempts short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static IReadOnlyList<string> ReadSecrets(IConfigurationSection section) =>
        section.Value is not null
            ? FinchOptions.SplitSecrets(section.Value)
            : [.. section.GetChildren().SelectMany(child => FinchOptions.SplitSecrets(child.Value))];
}
