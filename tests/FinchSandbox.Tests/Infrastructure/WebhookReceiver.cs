using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace FinchDashboard.FinchSandbox.Tests.Infrastructure;

/// <summary>A webhook as it arrived: headers and the raw body the signature covers.</summary>
public sealed record ReceivedWebhook(string EventId, string Timestamp, string Signature, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>Stands in for the application's webhook endpoint; can be told to fail the next deliveries.</summary>
public sealed class WebhookReceiver
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<string> _attemptedEventIds = new();
    private int _failuresToSimulate;

    /// <summary>Finch-Event-Id of every delivery attempt, failed ones included.</summary>
    public IReadOnlyList<string> AttemptedEventIds => [.. _attemptedEventIds];

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToSimulate, count);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Waits until deliveries matching <paramref name="match"/> reach <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var found = _received.Where(match).ToList();
            if (found.Count >= count) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"Expected {count} matching webhook(s), got {_received.Count(match)}.");
    }

    public sealed class Handler(WebhookReceiver receiver) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            receiver._attemptedEventIds.Enqueue(request.Headers.GetValues("Finch-Event-Id").Single());
            if (Interlocked.Decrement(ref receiver._failuresToSimulate) >= 0)
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

            receiver._received.Enqueue(new ReceivedWebhook(
                request.Headers.GetValues("Finch-Event-Id").Single(),
                request.Headers.GetValues("Finch-Timestamp").Single(),
                request.Headers.GetValues("Finch-Signature").Single(),
                await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
