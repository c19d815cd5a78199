using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FinchDashboard.Dashboard.Health;

/// <summary>
/// Ready when this instance's background work is doing its job: listening for connection changes (without it, pages open
/// here miss changes made anywhere) and running both webhook processors (without them, stored events wait).
/// </summary>
public sealed class BackgroundWorkHealthCheck(
    ConnectionChangeListener listener, WebhookProcessor finchWebhooks, StripeEventProcessor stripeEvents) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stopped = new[] { ("Finch webhook processor", (BackgroundService)finchWebhooks), ("Stripe event processor", stripeEvents) }
            .Where(p => p.Item2.ExecuteTask is not { IsCompleted: false })
            .Select(p => p.Item1)
            .ToList();
        if (!listener.IsListening)
        {
            stopped.Insert(0, "connection-change listener");
        }

        return Task.FromResult(stopped.Count == 0
            ? HealthCheckResult.Healthy("Listening for connection changes; webhook processors running")
            : HealthCheckResult.Unhealthy($"Not running: {string.Join(", ", stopped)}"));
    }
}
