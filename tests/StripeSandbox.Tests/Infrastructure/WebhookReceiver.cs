using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace FinchDashboard.StripeSandbox.Tests.Infrastructure;

/// <summary>A webhook as it arrived: the Stripe-Signature header and the raw body it covers.</summary>
public sealed record ReceivedWebhook(string Signature, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;

    public string ObjectId => Json.GetProperty("data").GetProperty("object").GetProperty("id").GetString()!;
}

/// <summary>Stands in for the application's webhook endpoint; can be told to fail the next deliveries.</summary>
public sealed class WebhookReceiver
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<string> _attemptedEventIds = new();
    private int _failuresToSimulate;

    /// <summary>The event id of every delivery attempt, failed ones included.</summary>
    public IReadOnlyList<string> AttemptedEventIds => [.. _attemptedEventIds];

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToSimulate, count);

    /// <summary>Waits until the event of <paramref name="type"/> about <paramref name="objectId"/> arrived.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(string type, string objectId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(w => w.Type == type && w.ObjectId == objectId) is { } found) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {type} event for {objectId}; got: {string.Join(", ", _received.Select(w => $"{w.Type} {w.ObjectId}"))}.");
    }

    public IReadOnlyList<ReceivedWebhook> About(string objectId) => _received.Where(w => w.ObjectId == objectId).ToList();

    public sealed class Handler(WebhookReceiver receiver) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            receiver._attemptedEventIds.Enqueue(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
            if (Interlocked.Decrement(ref receiver._failuresToSimulate) >= 0)
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

            receiver._received.Enqueue(new ReceivedWebhook(request.Headers.GetValues("Stripe-Signature").Single(), body));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
