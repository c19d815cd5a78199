using FinchDashboard.StripeSandbox.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.StripeSandbox.Tests.Infrastructure;

/// <summary>
/// The emulator in-process, with a known key and signing secret, fast refreshes and retries, fault injection on, and
/// webhooks captured by <see cref="WebhookReceiver"/> instead of going over the network.
/// </summary>
public class StripeSandboxFactory : WebApplicationFactory<Program>
{
    public const string SecretKey = "sk_test_stripe_sandbox_tests_0123456789";
    public const string WebhookSecret = "whsec_stripe_sandbox_tests_secret";
    public const string WebhookUrl = "http://receiver.test/stripe-webhooks";
    public const string ApiVersion = "2026-10-28.endive";

    public WebhookReceiver Webhooks { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("StripeSandbox:SecretKey", SecretKey);
        builder.UseSetting("StripeSandbox:WebhookSecret", WebhookSecret);
        builder.UseSetting("StripeSandbox:WebhookUrl", WebhookUrl);
        builder.UseSetting("StripeSandbox:ApiVersion", ApiVersion);
        builder.UseSetting("StripeSandbox:RefreshDuration", "00:00:00.100");
        builder.UseSetting("StripeSandbox:WebhookRetryBaseDelay", "00:00:00.050");
        builder.UseSetting("StripeSandbox:WebhookMaxAttempts", "4");
        builder.UseSetting("StripeSandbox:EnableFaultInjection", "true");
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(WebhookDispatcher.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new WebhookReceiver.Handler(Webhooks)));
    }
}
