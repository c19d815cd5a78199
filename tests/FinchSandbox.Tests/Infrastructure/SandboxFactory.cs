using FinchDashboard.FinchSandbox.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.FinchSandbox.Tests.Infrastructure;

/// <summary>
/// The emulator in-process, with known credentials, fast jobs and retries, a movable clock, and webhooks captured by
/// <see cref="WebhookReceiver"/> instead of going over the network.
/// </summary>
public class SandboxFactory : WebApplicationFactory<Program>
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret";
    public const string WebhookSecret = "dGVzdC13ZWJob29rLXNlY3JldC1mb3ItZmluY2gtc2FuZGJveA==";
    public const string WebhookUrl = "http://receiver.test/finch-webhooks";

    public WebhookReceiver Webhooks { get; } = new();

    public ShiftableTimeProvider Clock { get; } = new();

    protected virtual bool EnableFaultInjection => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("FinchSandbox:ClientId", ClientId);
        builder.UseSetting("FinchSandbox:ClientSecret", ClientSecret);
        builder.UseSetting("FinchSandbox:WebhookSecret", WebhookSecret);
        builder.UseSetting("FinchSandbox:WebhookUrl", WebhookUrl);
        builder.UseSetting("FinchSandbox:JobDuration", "00:00:00.200");
        builder.UseSetting("FinchSandbox:WebhookRetryBaseDelay", "00:00:00.050");
        builder.UseSetting("FinchSandbox:WebhookMaxAttempts", "4");
        builder.UseSetting("FinchSandbox:EnableFaultInjection", EnableFaultInjection ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient(WebhookDispatcher.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new WebhookReceiver.Handler(Webhooks));
        });
    }
}

public sealed class FaultInjectionSandboxFactory : SandboxFactory
{
    protected override bool EnableFaultInjection => true;
}

/// <summary>System time plus an offset tests can advance, so expiry and rolling windows need no sleeping.</summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
