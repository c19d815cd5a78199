namespace FinchDashboard.Dashboard.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Finch's webhooks: the durable inbox the endpoint writes, the background processor that applies it, its page, and the
    /// sampler behind the queue gauges (Stripe's inbox included).</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>()
            .Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0 && o.BatchSize > 0 && o.MaxAttempts > 0 && o.PollInterval > TimeSpan.Zero && o.MaxApplyDelay >= TimeSpan.Zero,
                $"{WebhookOptions.Section}: MaxBodyBytes, BatchSize, MaxAttempts and PollInterval must be positive, MaxApplyDelay not negative.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<UnmatchedWebhooks>();
        services.AddTransient<WebhookApplier>();
        services.AddSingleton<WebhookProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookProcessor>());
        services.AddScoped<WebhookMonitor>();
        services.AddSingleton<WebhookQueueSampler>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookQueueSampler>());
        return builder;
    }
}
