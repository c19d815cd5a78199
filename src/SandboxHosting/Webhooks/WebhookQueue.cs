using System.Threading.Channels;

namespace FinchDashboard.SandboxHosting.Webhooks;

/// <summary>
/// Webhooks waiting to be sent; <see cref="RetryingWebhookDispatcher"/> sends them in the background so no API call
/// ever waits on the receiver.
/// </summary>
public sealed class WebhookQueue
{
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>();

    internal ChannelReader<WebhookDelivery> Reader => _queue.Reader;

    public void Enqueue(string eventId, string eventType, string body) =>
        _queue.Writer.TryWrite(new WebhookDelivery(eventId, eventType, body, Attempt: 1));

    internal bool TryRequeue(WebhookDelivery delivery) => _queue.Writer.TryWrite(delivery);
}
