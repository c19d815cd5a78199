using FinchDashboard.SandboxHosting.Webhooks;
using FinchDashboard.StripeSandbox.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Events;

/// <summary>Sends queued events with Stripe's <see cref="StripeSignature"/> header and webhook User-Agent.</summary>
public sealed class WebhookDispatcher(
    WebhookQueue queue,
    IHttpClientFactory httpClients,
    IOptions<StripeSandboxOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
    : RetryingWebhookDispatcher(queue, httpClients, options, time, logger, HttpClientName, deliveryNoun: "Event")
{
    public const string HttpClientName = "StripeSandbox.Webhooks";

    protected override void Sign(HttpRequestMessage request, WebhookDelivery delivery, string webhookSecret, long unixTimestamp)
    {
        request.Headers.Add(StripeSignature.HeaderName, StripeSignature.Header(webhookSecret, unixTimestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    }
}
