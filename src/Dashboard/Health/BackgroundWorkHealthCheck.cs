using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Health;

/// <summary>
/// Ready when this instance's background work is doing its job: listening for connection changes (without it, pages open
/// here miss changes made anywhere) and running both webhook processors (without them, stored events wait). An instance
/// configured to only store webhooks (Webhooks:ProcessingEnabled false) has no processors to run, and is ready without them.
/// </summary>
public sealed class BackgroundWorkHealthCheck(
    ConnectionChangeListener listener, WebhookProcessor finchWebhooks, StripeEventProcessor stripeEvents, IOptions<WebhookOptions> webhooks)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        (string Name, BackgroundService Service)[] processors = webhooks.Value.ProcessingEnabled
            ? [("Finch webhook processor", finchWebhooks), ("Stripe event processor", stripeEvents)]
            : [];
        var stopped = processors.Where(p => p.Service.ExecuteTask is not { IsCompleted: false }).Select(p => p.Name).ToList();
        if (!listener.IsListening)
        {
            stopped.Insert(0, "connection-change listener");
        }

        return Task.FromResult(stopped.Count == 0
            ? HealthCheckResult.Healthy("Listening for connection changes; webhook processors running")
            : HealthCheckResult.Unhealthy($"Not running: {string.Join(", ", stopped)}"));
    }
}
