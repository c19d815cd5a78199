using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CustomerCreateOptions = Stripe.CustomerCreateOptions;
using CustomerService = Stripe.CustomerService;
using StripeClient = Stripe.StripeClient;
using SystemNetHttpClient = Stripe.SystemNetHttpClient;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Integration;

[CollectionDefinition(Name)]
public sealed class StripeSandboxCollection : ICollectionFixture<StripeSandboxFixture>
{
    public const string Name = "Stripe emulator";
}

/// <summary>
/// The built StripeSandbox emulator as its own process on a free loopback port (fault injection on, webhooks to a
/// loopback receiver), one dashboard on its own database pointed at it, and Stripe.net for what tests set up at Stripe.
/// Faults are global, hence one sequential collection; every test makes its own employers and customers.
/// </summary>
public sealed class StripeSandboxFixture : IAsyncLifetime
{
    public const string SecretKey = "sk_test_integration_stripe_sandbox";

    /// <summary>What the emulator signs with.</summary>
    public const string WebhookSecret = "whsec_integration_emulator_secret";

    /// <summary>A retired secret listed first, as during a rotation.</summary>
    public const string RetiredWebhookSecret = "whsec_integration_retired_secret";

    /// <summary>The dashboard's timeout for one Stripe call, short so a slow-answer test stays short.</summary>
    public static readonly TimeSpan StripeTimeout = TimeSpan.FromSeconds(2);

    private AppProcess? _emulator;

    public string BaseUrl { get; } = $"http://127.0.0.1:{AppProcess.FreePort()}";

    public WebhookReceiver Webhooks { get; } = new("stripe");

    public DashboardFactory Dashboard { get; private set; } = default!;

    /// <summary>Stripe.net on the emulator, without retries: for setting up what a test needs at "Stripe".</summary>
    public StripeClient Stripe { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        _emulator = new AppProcess(AppProcess.BuiltAssembly("StripeSandbox", "FinchDashboard.StripeSandbox"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["Logging__LogLevel__Default"] = "Warning",
            ["StripeSandbox__SecretKey"] = SecretKey,
            ["StripeSandbox__WebhookSecret"] = WebhookSecret,
            ["StripeSandbox__WebhookUrl"] = Webhooks.Url,
            ["StripeSandbox__EnableFaultInjection"] = "true",
            ["StripeSandbox__RefreshDuration"] = "00:00:00.100",
        });
        await _emulator.StartAsync(async http =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{BaseUrl}/v1/customers") { Headers = { Authorization = Bearer } };
            return (await http.SendAsync(request)).StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60));
        Stripe = new StripeClient(SecretKey, httpClient: new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0), apiBase: BaseUrl);

        Dashboard = new DashboardFactory(new Dictionary<string, string>
        {
            ["Stripe:ApiBase"] = BaseUrl,
            ["Stripe:SecretKey"] = SecretKey,
            ["Stripe:WebhookSecrets"] = $"{RetiredWebhookSecret} {WebhookSecret}",
            ["Stripe:Timeout"] = StripeTimeout.ToString(),
            ["Stripe:MaxNetworkRetries"] = "0",
        });
        await Dashboard.InitializeAsync();
    }

    private static AuthenticationHeaderValue Bearer { get; } = new("Bearer", SecretKey);

    /// <summary>
    /// An account at the emulator for the employer's customer (created, and stored on the employer, if it has none),
    /// made by the emulator's test helper; the dashboard hears of it through the <c>.created</c> event only once forwarded.
    /// </summary>
    public async Task<FinancialConnections.Account> CreateStripeAccountAsync(Employer employer, string institution = "PNC Bank", string last4 = "4242", string status = "active")
    {
        var customerId = await CustomerOfAsync(employer);
        var raw = await Stripe.RawRequestAsync(HttpMethod.Post, "/v1/test_helpers/financial_connections/accounts",
            $"customer={customerId}&institution_name={Uri.EscapeDataString(institution)}&display_name=Operating&last4={last4}" +
            $"&category=cash&subcategory=checking&status={status}&permissions[]=payment_method&permissions[]=balances");
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        return Stripe.Deserialize<FinancialConnections.Account>(raw.Content);
    }

    /// <summary>An account at the emulator and its row in the dashboard, linked as a user of the dashboard would have.</summary>
    public async Task<BankAccount> AddBankAccountAsync(Employer employer, string institution = "PNC Bank", string status = "active")
    {
        var stripeAccount = await CreateStripeAccountAsync(employer, institution, status: status);
        await using var db = await Dashboard.Services.GetRequiredService<SystemData>().OpenAsync();
        var snapshot = StripeAccountSnapshots.Of(stripeAccount, DateTimeOffset.UtcNow)!;
        var account = BankAccount.Link(Guid.CreateVersion7(), employer.Id, snapshot, "Test Account manager", DateTimeOffset.UtcNow);
        db.BankAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task<string> CustomerOfAsync(Employer employer)
    {
        await using var db = await Dashboard.Services.GetRequiredService<SystemData>().OpenAsync();
        var stored = await db.Employers.SingleAsync(e => e.Id == employer.Id);
        if (stored.StripeCustomerId is null)
        {
            var customer = await new CustomerService(Stripe).CreateAsync(new CustomerCreateOptions { Name = stored.Name });
            stored.UseStripeCustomer(customer.Id);
            await db.SaveChangesAsync();
        }

        return stored.StripeCustomerId!;
    }

    public async Task<BankAccount?> FindBankAccountAsync(string stripeAccountId)
    {
        await using var db = await Dashboard.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.BankAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.StripeAccountId == stripeAccountId);
    }

    /// <summary>The emulator's extension that changes an account's status as the account holder or their bank would.</summary>
    public async Task SetStatusAtStripeAsync(string stripeAccountId, string status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/_sandbox/financial_connections/accounts/{stripeAccountId}/status")
        {
            Headers = { Authorization = Bearer },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = status }),
        };
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Queues an emulator fault: the next <paramref name="count"/> calls under <paramref name="pathPrefix"/> answer so.</summary>
    public async Task AddFaultAsync(string kind, int count, string pathPrefix, int latencyMs = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/_sandbox/faults")
        {
            Headers = { Authorization = Bearer },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["kind"] = kind, ["count"] = count.ToString(), ["path_prefix"] = pathPrefix, ["latency_ms"] = Math.Max(latencyMs, 1).ToString(),
            }),
        };
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public async Task ResetFaultsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{BaseUrl}/_sandbox/faults") { Headers = { Authorization = Bearer } };
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>The emulator's delivery of <paramref name="type"/> about <paramref name="stripeAccountId"/>, once it arrived.</summary>
    public Task<ReceivedWebhook> WaitForEventAsync(string type, string stripeAccountId) =>
        Webhooks.WaitForAsync(w => w.Text.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal) && w.Text.Contains(stripeAccountId, StringComparison.Ordinal));

    /// <summary>Hands a delivery on to the dashboard's webhook endpoint, as Stripe would, with its signature or <paramref name="signature"/>.</summary>
    public async Task<HttpResponseMessage> ForwardAsync(ReceivedWebhook webhook, string? signature = null) =>
        await PostWebhookAsync(webhook.Text, signature ?? webhook.StripeSignature!);

    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhookEndpoint.Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(StripeWebhookEndpoint.SignatureHeader, signature);
        return await Dashboard.CreateClient().SendAsync(request);
    }

    /// <summary>Waits until the dashboard's processor has applied every stored event.</summary>
    public async Task WaitUntilEventsAppliedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await Dashboard.Services.GetRequiredService<SystemData>().OpenAsync();
            if (!await db.StripeWebhookEvents.AnyAsync(e => e.State == Domain.Webhooks.WebhookEventState.Pending)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("Stripe events were still pending after 15 s.");
    }

    public async Task DisposeAsync()
    {
        if (Dashboard is not null) await Dashboard.DisposeAsync();
        if (_emulator is not null) await _emulator.DisposeAsync();
        await Webhooks.DisposeAsync();
    }
}
