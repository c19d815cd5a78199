using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using FinchDashboard.Tests;

namespace FinchDashboard.E2E;

/// <summary>
/// <see cref="BrowserFixture"/> with the FinchSandbox emulator running as its own process and the dashboard pointed at
/// it, so links, the hosted Connect page and the callback all run for real.
/// </summary>
public sealed class FinchBrowserFixture : BrowserFixture
{
    private const string ClientId = "e2e-client-id";
    public const string ClientSecret = "e2e-client-secret";
    private static readonly string WebhookSecret = Convert.ToBase64String("e2e-webhook-secret"u8.ToArray());
    private AppProcess? _emulator;

    public string EmulatorUrl { get; } = $"http://127.0.0.1:{AppProcess.FreePort()}";

    protected override async Task<IReadOnlyDictionary<string, string>> DashboardSettingsAsync()
    {
        _emulator = new AppProcess(AppProcess.BuiltAssembly("FinchSandbox", "FinchDashboard.FinchSandbox"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = EmulatorUrl,
            ["Logging__LogLevel__Default"] = "Warning",
            ["FinchSandbox__ClientId"] = ClientId,
            ["FinchSandbox__ClientSecret"] = ClientSecret,
            ["FinchSandbox__WebhookSecret"] = WebhookSecret,
            // The dashboard starts after the emulator; the emulator retries deliveries it cannot make yet.
            ["FinchSandbox__WebhookUrl"] = $"http://127.0.0.1:{DashboardPort}/webhooks/finch",
            ["FinchSandbox__EnableFaultInjection"] = "true",
        });
        await _emulator.StartAsync(async http =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{EmulatorUrl}/providers") { Headers = { Authorization = Basic } };
            return (await http.SendAsync(request)).StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60));

        return new Dictionary<string, string>
        {
            ["Finch__BaseUrl"] = EmulatorUrl,
            ["Finch__ClientId"] = ClientId,
            ["Finch__ClientSecret"] = ClientSecret,
            ["Finch__WebhookSecrets"] = WebhookSecret,
            // Its summary line says when the demo connections exist at Finch; see DashboardStartedAsync.
            ["Logging__LogLevel__FinchDashboard.Dashboard.Demo.DemoFinchSync"] = "Information",
        };
    }

    /// <summary>
    /// Demo mode creates its live connections in the emulator in the background after start-up (tens of seconds on a
    /// busy 2-core machine). Until then their tokens are unknown to Finch and every action on them fails, so the tests
    /// start once that is done.
    /// </summary>
    protected override async Task DashboardStartedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (!Dashboard.Output.Contains("Demo connections in Finch's sandbox:", StringComparison.Ordinal))
        {
            if (Dashboard.Output.Contains("Finch is not reachable", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The demo connections were not created in the emulator. Dashboard output:\n{Dashboard.Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The emulator's control endpoint: moves a connection into a status, as Finch would on its own.</summary>
    public async Task SetConnectionStatusAsync(string finchConnectionId, string status) =>
        Assert.True(await TrySetConnectionStatusAsync(finchConnectionId, status), $"The emulator does not know connection {finchConnectionId}.");

    /// <summary>As <see cref="SetConnectionStatusAsync"/>; false when the emulator does not (yet) know the connection.</summary>
    public async Task<bool> TrySetConnectionStatusAsync(string finchConnectionId, string status)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{EmulatorUrl}/_sandbox/connections/{finchConnectionId}/status")
        {
            Headers = { Authorization = Basic },
            Content = JsonContent.Create(new { connection_status = status }),
        };
        var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    /// <summary>The calls made with a connection's tokens, oldest first, as "METHOD /path" (emulator extension).</summary>
    public async Task<IReadOnlyList<string>> RequestsOfAsync(string finchConnectionId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{EmulatorUrl}/_sandbox/connections/{finchConnectionId}/requests") { Headers = { Authorization = Basic } };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("requests").EnumerateArray()
            .Select(r => $"{r.GetProperty("method").GetString()} {r.GetProperty("path").GetString()}")];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private static AuthenticationHeaderValue Basic { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
}

/// <summary>
/// The classes that drive Finch share one dashboard and emulator, and so run one after another: each works on
/// connections it makes or picks by their state, or on a demo row no other class changes, so none trips on what another left.
/// </summary>
[CollectionDefinition(nameof(DemoDashboardWithFinch))]
public sealed class DemoDashboardWithFinch : ICollectionFixture<FinchBrowserFixture>;
