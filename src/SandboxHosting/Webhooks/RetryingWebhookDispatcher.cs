using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinchDashboard.SandboxHosting.Webhooks;

/// <summary>
/// Sends queued webhooks to WebhookUrl. A failed delivery (exception or non-2xx) is retried after
/// base * 2^(attempt-1), up to WebhookMaxAttempts; the retry waits off the queue so one dead receiver
/// does not hold back other events. The emulator adds its service's signature headers.
/// </summary>
public abstract class RetryingWebhookDispatcher(
    WebhookQueue queue,
    IHttpClientFactory httpClients,
    IOptions<ISandboxOptions> options,
    TimeProvider time,
    ILogger logger,
    string httpClientName,
    string deliveryNoun) : BackgroundService
{
    /// <summary>Adds the headers with which the receiver verifies <paramref name="delivery"/>, signed at <paramref name="unixTimestamp"/>.</summary>
    protected abstract void Sign(HttpRequestMessage request, WebhookDelivery delivery, string webhookSecret, long unixTimestamp);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (await TrySendAsync(delivery, stoppingToken)) continue;

            var settings = options.Value;
            if (delivery.Attempt >= settings.WebhookMaxAttempts)
            {
                logger.LogWarning("{Delivery} {EventId} ({EventType}) dropped after {Attempts} attempts", deliveryNoun, delivery.EventId, delivery.EventType, delivery.Attempt);
                continue;
            }
            var delay = settings.WebhookRetryBaseDelay * Math.Pow(2, delivery.Attempt - 1);
            _ = RequeueLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, delay, stoppingToken);
        }
    }

    private async Task<bool> TrySendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        // Signed per attempt with a fresh timestamp, as the services do: receivers (the SDKs) reject timestamps older than 5 minutes.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        Sign(request, delivery, settings.WebhookSecret, timestamp);

        try
        {
            using var response = await httpClients.CreateClient(httpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            logger.LogInformation("{Delivery} {EventId} attempt {Attempt} answered {Status}", deliveryNoun, delivery.EventId, delivery.Attempt, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("{Delivery} {EventId} attempt {Attempt} failed: {Error}", deliveryNoun, delivery.EventId, delivery.Attempt, ex.Message);
        }
        return false;
    }

    private async Task RequeueLaterAsync(WebhookDelivery delivery, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            queue.TryRequeue(delivery);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: pending retries die with the in-memory state they belong to.
        }
    }
}
