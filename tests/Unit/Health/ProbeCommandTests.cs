using System.Net;
using System.Net.Sockets;
using System.Text;
using FinchDashboard.Dashboard.Health;

namespace FinchDashboard.Unit.Health;

/// <summary>The container's health probe against a real socket on loopback: 0 for a 200 and 1 for anything else.</summary>
public sealed class ProbeCommandTests
{
    [Fact]
    public async Task A_200_is_healthy()
    {
        await using var server = new TinyServer("200 OK");

        Assert.Equal(ProbeCommand.Healthy, await ProbeCommand.RunAsync([server.Url]));
        Assert.Equal("GET /healthz/live HTTP/1.1", await server.RequestLine);
    }

    [Fact]
    public async Task Another_status_is_unhealthy_and_named()
    {
        await using var server = new TinyServer("503 Service Unavailable");
        var error = new StringWriter();

        Assert.Equal(ProbeCommand.Unhealthy, await ProbeCommand.RunAsync([server.Url], Handler(), ProbeCommand.DefaultTimeout, error));
        Assert.Contains("answered 503 Service Unavailable", error.ToString());
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy()
    {
        var error = new StringWriter();

        Assert.Equal(ProbeCommand.Unhealthy, await ProbeCommand.RunAsync([$"http://127.0.0.1:{ClosedPort()}/healthz/live"], Handler(), ProbeCommand.DefaultTimeout, error));
        Assert.Contains("could not be reached", error.ToString());
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_unhealthy()
    {
        await using var server = new TinyServer(statusLine: null);
        var error = new StringWriter();

        Assert.Equal(ProbeCommand.Unhealthy, await ProbeCommand.RunAsync([server.Url], Handler(), TimeSpan.FromMilliseconds(200), error));
        Assert.Contains("did not answer within 0.2 s", error.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("http://127.0.0.1:8080/healthz/live", "http://127.0.0.1:8080/healthz/ready")]
    [InlineData("/healthz/live")]
    [InlineData("ftp://127.0.0.1/healthz/live")]
    public async Task A_wrong_call_is_unhealthy_and_explained(params string[] arguments)
    {
        var error = new StringWriter();

        Assert.Equal(ProbeCommand.Unhealthy, await ProbeCommand.RunAsync(arguments, Handler(), ProbeCommand.DefaultTimeout, error));
        Assert.StartsWith("Usage: probe http://", error.ToString());
    }

    private static SocketsHttpHandler Handler() => new() { UseProxy = false };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Answers the first request on a loopback port with <paramref name="statusLine"/> and an empty body, or holds it
    /// unanswered when that is null; keeps the request line.
    /// </summary>
    private sealed class TinyServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<string> _served;

        public TinyServer(string? statusLine)
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/healthz/live";
            _served = ServeAsync(statusLine);
        }

        public string Url { get; }

        public Task<string> RequestLine => _served;

        private async Task<string> ServeAsync(string? statusLine)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
            while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 })
            {
                // The headers; the probe sends no body.
            }

            if (statusLine is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {statusLine}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
            return requestLine;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await ((Task)_served).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }
    }
}
