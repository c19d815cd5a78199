using System.Text.Json;
using System.Threading.Channels;
using FinchDashboard.StripeSandbox.Hosting;
using FinchDashboard.StripeSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Events;

/// <summary>One event on its way; the body is fixed when the event happens so every attempt sends the same bytes.</summary>
public sealed record WebhookDelivery(string EventId, string EventType, string Body, int Attempt);

/// <summary>
/// Builds events and queues them; <see cref="WebhookDispatcher"/> sends them in the background so no API call ever
/// waits on the receiver. Nothing is queued when no WebhookUrl is configured.
/// </summary>
public sealed class EventPublisher(IOptions<StripeSandboxOptions> options, TimeProvider time)
{
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>();

    internal ChannelReader<WebhookDelivery> Reader => _queue.Reader;

    internal bool TryRequeue(WebhookDelivery delivery) => _queue.Writer.TryWrite(delivery);

    /// <param name="dataObject">The object as it is now; later changes do not alter the event.</param>
    public void Publish(string type, object dataObject, EventCause cause)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookUrl)) return;
        var stripeEvent = new StripeEvent(StripeIds.New("evt"), options.Value.ApiVersion, time.GetUtcNow().ToUnixTimeSeconds(),
            new StripeEvent.EventData(dataObject), Livemode: false, PendingWebhooks: 1,
            new StripeEvent.EventRequest(cause.RequestId, cause.IdempotencyKey), type);
        _queue.Writer.TryWrite(new WebhookDelivery(stripeEvent.Id, type, JsonSerializer.Serialize(stripeEvent, StripeJson.Options), Attempt: 1));
    }
}
