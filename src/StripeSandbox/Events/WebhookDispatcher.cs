using System.Text;
using FinchDashboard.StripeSandbox.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Events;

/// <summary>
/// Sends queued events to WebhookUrl. A failed delivery (exception or non-2xx) is retried after
/// base * 2^(attempt-1), up to WebhookMaxAttempts; the retry waits off the queue so one dead receiver
/// does not hold back other events.
/// </summary>
public sealed class WebhookDispatcher(
    EventPublisher publisher,
    IHttpClientFactory httpClients,
    IOptions<StripeSandboxOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "StripeSandbox.Webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in publisher.Reader.ReadAllAsync(stoppingToken))
        {
            if (await TrySendAsync(delivery, stoppingToken)) continue;

            var settings = options.Value;
            if (delivery.Attempt >= settings.WebhookMaxAttempts)
            {
                logger.LogWarning("Event {EventId} ({EventType}) dropped after {Attempts} attempts", delivery.EventId, delivery.EventType, delivery.Attempt);
                continue;
            }
            var delay = settings.WebhookRetryBaseDelay * Math.Pow(2, delivery.Attempt - 1);
            _ = RequeueLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, delay, stoppingToken);
        }
    }

    private async Task<bool> TrySendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Signed per attempt with a fresh timestamp, as Stripe does: receivers reject signatures older than their tolerance (5 minutes).
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(StripeSignature.HeaderName, StripeSignature.Header(settings.WebhookSecret, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            logger.LogInformation("Event {EventId} attempt {Attempt} answered {Status}", delivery.EventId, delivery.Attempt, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Event {EventId} attempt {Attempt} failed: {Error}", delivery.EventId, delivery.Attempt, ex.Message);
        }
        return false;
    }

    private async Task RequeueLaterAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            publisher.TryRequeue(delivery);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: pending retries die with the in-memory state they belong to.
        }
    }
}
