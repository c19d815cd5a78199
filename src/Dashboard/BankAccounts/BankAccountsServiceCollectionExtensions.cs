using FinchDashboard.Dashboard.Webhooks;
using Microsoft.Extensions.Options;
using Stripe;

namespace FinchDashboard.Dashboard.BankAccounts;

public static class BankAccountsServiceCollectionExtensions
{
    /// <summary>
    /// Employers' bank accounts through Stripe Financial Connections: Stripe's options (checked at start-up), Stripe.net's
    /// client pointed at Stripe:ApiBase, the list, linking and disconnecting, and the Stripe webhook inbox and processor.
    /// </summary>
    public static IHostApplicationBuilder AddBankAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(StripeOptions.Section);
        services.AddOptions<StripeOptions>()
            .Bind(section)
            // The binder cannot turn one "a b,c" string into a list, so the secrets are read here in either form.
            .Configure(options => options.WebhookSecrets = ReadSecrets(section.GetSection(nameof(StripeOptions.WebhookSecrets))))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();

        services.AddHttpClient(nameof(StripeClient), (provider, http) => http.Timeout = provider.GetRequiredService<IOptions<StripeOptions>>().Value.Timeout);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(StripeClient));
            return new StripeClient(
                options.SecretKey,
                httpClient: new SystemNetHttpClient(http, options.MaxNetworkRetries, enableTelemetry: false),
                apiBase: options.ApiBase.TrimEnd('/'));
        });
        // StripeClient itself for its raw requests, which reach the emulator's test helpers that Stripe.net does not model.
        services.AddSingleton<IStripeClient>(provider => provider.GetRequiredService<StripeClient>());

        services.AddScoped<StripeCustomers>();
        services.AddScoped<BankAccountDirectory>();
        services.AddScoped<BankAccountDisconnector>();
        services.AddScoped<BankAccountLinks>();
        services.AddKeyedSingleton<WebhookSignal>(StripeEventInbox.SignalKey);
        services.AddSingleton<StripeEventInbox>();
        services.AddTransient<StripeEventApplier>();
        services.AddSingleton<StripeEventProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<StripeEventProcessor>());
        return builder;
    }

    /// <summary>The Stripe webhook endpoint and the bank accounts' CSV.</summary>
    public static IEndpointRouteBuilder MapBankAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStripeWebhooks();
        endpoints.MapBankAccountExport();
        return endpoints;
    }

    private static IReadOnlyList<string> ReadSecrets(IConfigurationSection section) =>
        section.Value is not null
            ? StripeOptions.SplitSecrets(section.Value)
            : [.. section.GetChildren().SelectMany(child => StripeOptions.SplitSecrets(child.Value))];
}
