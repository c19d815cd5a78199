using System.Globalization;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.SandboxHosting.Webhooks;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Webhooks;

/// <summary>Sends queued webhooks with Finch's headers: the event id, the timestamp and <see cref="WebhookSigner"/>'s signature.</summary>
public sealed class WebhookDispatcher(
    WebhookQueue queue,
    IHttpClientFactory httpClients,
    IOptions<FinchSandboxOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
    : RetryingWebhookDispatcher(queue, httpClients, options, time, logger, HttpClientName, deliveryNoun: "Webhook")
{
    public const string HttpClientName = "FinchSandbox.Webhooks";

    protected override void Sign(HttpRequestMessage request, WebhookDelivery delivery, string webhookSecret, long unixTimestamp)
    {
        request.Headers.Add("Finch-Event-Id", delivery.EventId);
        request.Headers.Add("Finch-Timestamp", unixTimestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Finch-Signature", WebhookSigner.Sign(webhookSecret, delivery.EventId, unixTimestamp, delivery.Body));
    }
}
