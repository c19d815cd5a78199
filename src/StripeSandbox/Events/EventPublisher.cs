using System.Text.Json;
using FinchDashboard.SandboxHosting.Webhooks;
using FinchDashboard.StripeSandbox.Hosting;
using FinchDashboard.StripeSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Events;

/// <summary>
/// Builds events and queues them for <see cref="WebhookDispatcher"/>. Nothing is queued when no WebhookUrl is
/// configured.
/// </summary>
public sealed class EventPublisher(WebhookQueue queue, IOptions<StripeSandboxOptions> options, TimeProvider time)
{
    /// <param name="dataObject">The object as it is now; later changes do not alter the event.</param>
    public void Publish(string type, object dataObject, EventCause cause)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookUrl)) return;
        var stripeEvent = new StripeEvent(StripeIds.New("evt"), options.Value.ApiVersion, time.GetUtcNow().ToUnixTimeSeconds(),
            new StripeEvent.EventData(dataObject), Livemode: false, PendingWebhooks: 1,
            new StripeEvent.EventRequest(cause.RequestId, cause.IdempotencyKey), type);
        queue.Enqueue(stripeEvent.Id, type, JsonSerializer.Serialize(stripeEvent, StripeJson.Options));
    }
}
