using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;
using FinchDashboard.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FinchDashboard.Integration;

[CollectionDefinition(Name)]
public sealed class FinchSandboxCollection : ICollectionFixture<FinchSandboxFixture>
{
    public const string Name = "Finch emulator";
}

/// <summary>
/// The built FinchSandbox emulator as its own process on a free loopback port (fault injection on, webhooks to a
/// loopback receiver), and the dashboard's Finch clients registered by AddFinch and pointed at it. The
/// emulator is shared, so every test uses its own customer ids; faults are global, hence one sequential collection.
/// </summary>
public sealed class FinchSandboxFixture : IAsyncLifetime
{
    public const string ClientId = "integration-client-id";
    public const string ClientSecret = "integration-client-secret";
    public const string RedirectUri = DashboardFactory.ConnectCallbackUri;
    public const int RetryAttempts = 2;

    /// <summary>What the emulator signs with.</summary>
    public static readonly string WebhookSecret = Convert.ToBase64String("emulator-webhook-secret-for-tests"u8.ToArray());

    /// <summary>A retired secret listed first, as during a rotation.</summary>
    public static readonly string RetiredWebhookSecret = Convert.ToBase64String("retired-webhook-secret"u8.ToArray());

    private AppProcess? _emulator;
    private ServiceProvider? _services;

    public string BaseUrl { get; } = $"http://127.0.0.1:{AppProcess.FreePort()}";

    public WebhookReceiver Webhooks { get; } = new();

    /// <summary>Plain HTTP to the emulator for what the dashboard never calls: sandbox controls, faults, the Connect page.</summary>
    public HttpClient Sandbox { get; private set; } = default!;

    public FinchConnectClient Connect => _services!.GetRequiredService<FinchConnectClient>();

    public FinchConnectionClient Connection => _services!.GetRequiredService<FinchConnectionClient>();

    public FinchWebhookVerifier Verifier => _services!.GetRequiredService<FinchWebhookVerifier>();

    public async Task InitializeAsync()
    {
        _emulator = new AppProcess(AppProcess.BuiltAssembly("FinchSandbox", "FinchDashboard.FinchSandbox"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["Logging__LogLevel__Default"] = "Warning",
            ["FinchSandbox__ClientId"] = ClientId,
            ["FinchSandbox__ClientSecret"] = ClientSecret,
            ["FinchSandbox__WebhookSecret"] = WebhookSecret,
            ["FinchSandbox__WebhookUrl"] = Webhooks.Url,
            ["FinchSandbox__EnableFaultInjection"] = "true",
            ["FinchSandbox__JobDuration"] = "00:00:01",
            // One client serves the whole sequential collection: Finch's per-minute limits would make a test fail for the
            // calls the tests before it made. The limits have their own tests in FinchSandbox.Tests.
            ["FinchSandbox__EnforceApplicationRateLimits"] = "false",
        });
        Sandbox = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        await _emulator.StartAsync(async http =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}/providers") { Headers = { Authorization = Basic } };
            return (await http.SendAsync(request)).StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60));

        // Development, as ./run.sh runs the dashboard against the emulator: outside it, plain http to Finch is refused.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Finch:BaseUrl"] = BaseUrl,
            ["Finch:ClientId"] = ClientId,
            ["Finch:ClientSecret"] = ClientSecret,
            ["Finch:WebhookSecrets"] = $"{RetiredWebhookSecret} {WebhookSecret}",
            ["Finch:MaxRetryAttempts"] = RetryAttempts.ToString(),
            ["Finch:RetryBaseDelay"] = "00:00:00.010",
            ["Finch:MaxRetryDelay"] = "00:00:00.050",
            ["Finch:MaxRetryAfter"] = "00:00:02",
            ["Finch:AttemptTimeout"] = "00:00:10",
            ["Finch:TotalTimeout"] = "00:00:30",
        });
        _services = builder.AddFinch().AddDashboardTelemetry().Services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>
    /// A dashboard on its own database that calls this emulator and trusts its webhooks, with retry delays short
    /// enough for tests; <paramref name="settings"/> go on top. It runs in Development, as ./run.sh runs it against the
    /// emulator: outside Development, plain http to Finch is refused at start-up.
    /// </summary>
    public DashboardFactory NewDashboard(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            [WebHostDefaults.EnvironmentKey] = Environments.Development,
            ["Finch:BaseUrl"] = BaseUrl,
            ["Finch:ClientId"] = ClientId,
            ["Finch:ClientSecret"] = ClientSecret,
            ["Finch:WebhookSecrets"] = WebhookSecret,
            ["Finch:SessionStatusExtension"] = "true",
            ["Finch:RetryBaseDelay"] = "00:00:00.010",
            ["Finch:MaxRetryDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new DashboardFactory(all);
    }

    public static AuthenticationHeaderValue Basic { get; } =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));

    public static string NewCustomerId() => "emp-" + Guid.NewGuid().ToString("N");

    /// <summary>Creates a session, goes through the hosted Connect page as the employer and exchanges the code.</summary>
    public async Task<FinchTokenResponse> ConnectAsync(string customerId, string provider = "gusto", string? authMethod = null)
    {
        var session = await Connect.CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = customerId, CustomerName = "Contract Test Co", CustomerEmail = "payroll@contract.example",
            Products = ["company", "directory"], Integration = new ConnectIntegration(provider, authMethod), RedirectUri = RedirectUri,
        });
        Assert.True(session.IsSuccess, session.Failure?.Describe());

        var code = await CompleteConnectAsync(session.Value.ConnectUrl);
        var token = await Connect.ExchangeCodeAsync(code, RedirectUri);
        Assert.True(token.IsSuccess, token.Failure?.Describe());
        return token.Value;
    }

    /// <summary>Consent, login, every offered entity; returns the code from the redirect to <see cref="RedirectUri"/>.</summary>
    public async Task<string> CompleteConnectAsync(string connectUrl)
    {
        var page = new ConnectPageDriver(Sandbox);
        await page.OpenAsync(connectUrl, "state-1");
        await page.SubmitAsync(("decision", "allow"));
        await page.SubmitAsync(("username", "admin"), ("password", "pw"));
        if (page.LeftTo is null) await page.SubmitAsync([.. page.OptionValues("entity").Select(v => ("entity", v))]);
        Assert.True(page.LeftTo is not null, $"Connect did not redirect; page was:\n{page.Html}");
        Assert.StartsWith(RedirectUri, page.LeftTo.AbsoluteUri);
        Assert.Equal("state-1", page.RedirectQuery["state"]);
        return page.RedirectQuery["code"];
    }

    /// <summary>Finch's sandbox endpoint that moves a connection into a status (reauth, pending, ...).</summary>
    public async Task SetConnectionStatusAsync(FinchAccessToken token, string status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/sandbox/connections/accounts")
        {
            Content = JsonContent.Create(new { connection_status = status }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal()) },
        };
        using var response = await Sandbox.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>
    /// Queues an emulator fault (emulator extension /_sandbox/faults); latencyMs is for kind "latency", clientType for
    /// kind "client_type".
    /// </summary>
    public async Task AddFaultAsync(string kind, int count, string pathPrefix, int retryAfterSeconds = 0, int latencyMs = 0, string? clientType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_sandbox/faults")
        {
            Content = JsonContent.Create(new
            {
                kind, count, path_prefix = pathPrefix, retry_after_seconds = retryAfterSeconds, latency_ms = latencyMs, client_type = clientType,
            }),
            Headers = { Authorization = Basic },
        };
        using var response = await Sandbox.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>How many injected faults are still waiting to be consumed: the attempts a call made, by subtraction.</summary>
    public async Task<int> RemainingFaultsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_sandbox/faults") { Headers = { Authorization = Basic } };
        using var response = await Sandbox.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("faults").EnumerateArray().Sum(f => f.GetProperty("remaining").GetInt32());
    }

    /// <summary>
    /// Waits for the emulator's job.data_sync_all.completed of the connection's initial sync: every new automated
    /// connection starts with one, and reports no successful sync until it completes.
    /// </summary>
    public Task<ReceivedWebhook> WaitForInitialSyncAsync(FinchTokenResponse token) =>
        Webhooks.WaitForAsync(w => w.Text.Contains("job.data_sync_all.completed") && w.Text.Contains(token.ConnectionId));

    /// <summary>The calls made with a connection's tokens, oldest first (emulator extension): what a client asked of Finch.</summary>
    public async Task<IReadOnlyList<string>> RequestsOfAsync(string finchConnectionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/_sandbox/connections/{finchConnectionId}/requests") { Headers = { Authorization = Basic } };
        using var response = await Sandbox.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("requests").EnumerateArray()
            .Select(r => $"{r.GetProperty("method").GetString()} {r.GetProperty("path").GetString()}")];
    }

    /// <summary>Hands a delivery the emulator made to the loopback receiver on to <paramref name="app"/>'s webhook endpoint, as Finch would.</summary>
    public static async Task<HttpResponseMessage> ForwardAsync(DashboardFactory app, ReceivedWebhook webhook)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FinchWebhookEndpoint.Path) { Content = new ByteArrayContent(webhook.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Finch-Event-Id", webhook.EventId);
        request.Headers.Add("Finch-Timestamp", webhook.Timestamp);
        request.Headers.Add("Finch-Signature", webhook.Signature);
        return await app.CreateClient().SendAsync(request);
    }

    public async Task ResetFaultsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/_sandbox/faults") { Headers = { Authorization = Basic } };
        using var response = await Sandbox.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        Sandbox.Dispose();
        if (_services is not null) await _services.DisposeAsync();
        if (_emulator is not null) await _emulator.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
