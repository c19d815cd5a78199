using System.Collections.Concurrent;
using System.Net;
using FinchDashboard.Tests;

namespace FinchDashboard.Integration;

/// <summary>A webhook as it arrived over HTTP: the signed headers and the raw body bytes.</summary>
public sealed record ReceivedWebhook(string? EventId, string? Timestamp, string? Signature, byte[] Body)
{
    /// <summary>Stripe's one signature header, on Stripe's events.</summary>
    public string? StripeSignature { get; init; }

    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Stands in for the dashboard's webhook endpoint on loopback so the emulator delivers over real HTTP. HttpListener
/// rather than Kestrel: a second ASP.NET Core host in this process could be mistaken by WebApplicationFactory for
/// the dashboard's.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Task _loop;

    /// <param name="sender">Whose deliveries this receiver takes, for its address: "finch" or "stripe".</param>
    public WebhookReceiver(string sender = "finch")
    {
        Url = $"http://127.0.0.1:{AppProcess.FreePort()}/webhooks/{sender}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public string Url { get; }

    /// <summary>How many deliveries have arrived so far; pass it to <see cref="WaitForAsync"/> to wait only for later ones.</summary>
    public int Count => _received.Count;

    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, int after = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_received.Skip(after).FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching webhook among {_received.Count} received.");
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers;
            _received.Enqueue(new ReceivedWebhook(headers["Finch-Event-Id"], headers["Finch-Timestamp"], headers["Finch-Signature"], body.ToArray())
            {
                StripeSignature = headers["Stripe-Signature"],
            });
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
