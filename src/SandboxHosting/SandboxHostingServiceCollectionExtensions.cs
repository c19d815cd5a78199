using FinchDashboard.SandboxHosting.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinchDashboard.SandboxHosting;

public static class SandboxHostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers what every emulator shares, reading the shared settings from the emulator's own options, and
    /// <typeparamref name="TDispatcher"/>, which sends the webhooks in the emulator's wire format.
    /// </summary>
    public static IServiceCollection AddSandboxHosting<TOptions, TDispatcher>(this IServiceCollection services, string webhookHttpClientName)
        where TOptions : class, ISandboxOptions
        where TDispatcher : RetryingWebhookDispatcher
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IOptions<ISandboxOptions>>(provider => provider.GetRequiredService<IOptions<TOptions>>());
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<WebhookQueue>();
        services.AddHttpClient(webhookHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<TDispatcher>();
        return services;
    }
}
