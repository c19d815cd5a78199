using System.Globalization;
using System.Text;
using FinchDashboard.FinchSandbox.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Webhooks;

/// <summary>
/// Sends queued webhooks to WebhookUrl. A failed delivery (exception or non-2xx) is retried after
/// base * 2^(attempt-1), up to WebhookMaxAttempts; the retry waits off the queue so one dead receiver
/// does not hold back other events.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookPublisher publisher,
    IHttpClientFactory httpClients,
    IOptions<FinchSandboxOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "FinchSandbox.Webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in publisher.Reader.ReadAllAsync(stoppingToken))
        {
            if (await TrySendAsync(delivery, stoppingToken)) continue;

            var settings = options.Value;
            if (delivery.Attempt >= settings.WebhookMaxAttempts)
            {
                logger.LogWarning("Webhook {EventId} ({EventType}) dropped after {Attempts} attempts", delivery.EventId, delivery.EventType, delivery.Attempt);
                continue;
            }
            var delay = settings.WebhookRetryBaseDelay * Math.Pow(2, delivery.Attempt - 1);
            _ = RequeueLaterAsync(delivery with { Attempt = delivery.Attempt + 1 }, delay, stoppingToken);
        }
    }

    private async Task<bool> TrySendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Signed per attempt with a fresh timestamp: receivers (the SDK's unwrap) reject timestamps older than 5 minutes.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Finch-Event-Id", delivery.EventId);
        request.Headers.Add("Finch-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Finch-Signature", WebhookSigner.Sign(settings.WebhookSecret, delivery.EventId, timestamp, delivery.Body));

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            logger.LogInformation("Webhook {EventId} attempt {Attempt} answered {Status}", delivery.EventId, delivery.Attempt, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Webhook {EventId} attempt {Attempt} failed: {Error}", delivery.EventId, delivery.Attempt, ex.Message);
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
