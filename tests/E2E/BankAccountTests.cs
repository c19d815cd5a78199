using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using FinchDashboard.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>
/// <see cref="BrowserFixture"/> with the StripeSandbox emulator running as its own process, the dashboard pointed at it
/// and the emulator's webhooks going to the dashboard, so linking, disconnecting and live updates run for real.
/// </summary>
public sealed class StripeBrowserFixture : BrowserFixture
{
    private const string SecretKey = "sk_test_e2e_stripe_key";
    private const string WebhookSecret = "whsec_e2e_stripe_secret";
    private AppProcess? _emulator;

    public string EmulatorUrl { get; } = $"http://127.0.0.1:{AppProcess.FreePort()}";

    protected override async Task<IReadOnlyDictionary<string, string>> DashboardSettingsAsync()
    {
        _emulator = new AppProcess(AppProcess.BuiltAssembly("StripeSandbox", "FinchDashboard.StripeSandbox"), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = EmulatorUrl,
            ["Logging__LogLevel__Default"] = "Warning",
            ["StripeSandbox__SecretKey"] = SecretKey,
            ["StripeSandbox__WebhookSecret"] = WebhookSecret,
            // The dashboard starts after the emulator; the emulator retries deliveries it cannot make yet.
            ["StripeSandbox__WebhookUrl"] = $"http://127.0.0.1:{DashboardPort}/webhooks/stripe",
        });
        await _emulator.StartAsync(async http => (await SendAsync(http, HttpMethod.Get, "/v1/customers")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60));

        return new Dictionary<string, string>
        {
            ["Stripe__ApiBase"] = EmulatorUrl,
            ["Stripe__SecretKey"] = SecretKey,
            ["Stripe__WebhookSecrets"] = WebhookSecret,
        };
    }

    /// <summary>The employer's bank account at the emulator ending in <paramref name="last4"/>, found through its customer's email.</summary>
    public async Task<string> StripeAccountIdAsync(string customerEmail, string last4)
    {
        using var http = new HttpClient();
        using var customers = JsonDocument.Parse(await (await SendAsync(http, HttpMethod.Get, $"/v1/customers?email={Uri.EscapeDataString(customerEmail)}")).Content.ReadAsStringAsync());
        var customer = customers.RootElement.GetProperty("data")[0].GetProperty("id").GetString()!;
        using var accounts = JsonDocument.Parse(await (await SendAsync(http, HttpMethod.Get,
            $"/v1/financial_connections/accounts?account_holder[customer]={customer}")).Content.ReadAsStringAsync());
        return accounts.RootElement.GetProperty("data").EnumerateArray().Single(a => a.GetProperty("last4").GetString() == last4).GetProperty("id").GetString()!;
    }

    /// <summary>The emulator's extension that plays the account holder disconnecting an account in Stripe.</summary>
    public async Task DisconnectAtStripeAsync(string stripeAccountId)
    {
        using var http = new HttpClient();
        using var response = await SendAsync(http, HttpMethod.Post, $"/_sandbox/financial_connections/accounts/{stripeAccountId}/status",
            new FormUrlEncodedContent([new("status", "disconnected")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, EmulatorUrl + path)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", SecretKey) },
            Content = content,
        };
        return await http.SendAsync(request);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}

[CollectionDefinition(nameof(DemoDashboardWithStripe))]
public sealed class DemoDashboardWithStripe : ICollectionFixture<StripeBrowserFixture>;

/// <summary>Bank accounts in Chromium: linked through the emulator's hosted page, disconnected with a reason, and moved live by Stripe's webhook.</summary>
[Collection(nameof(DemoDashboardWithStripe))]
public sealed class BankAccountTests(StripeBrowserFixture app)
{
    [Fact]
    public async Task A_manager_links_accounts_the_employer_admin_disconnects_one_and_stripes_webhook_moves_the_other_live()
    {
        var manager = await app.SignInAsync("manager@demo.local");
        await manager.GotoAsync("/bank-accounts");
        await manager.GetByTestId("open-link-bank-account").OpenDialogAsync();
        await manager.GetByTestId("bank-link-employer").ClickAsync();
        await manager.GetByRole(AriaRole.Option, new() { Name = "Acme Manufacturing", Exact = true }).ClickAsync();
        await manager.GetByTestId("create-bank-link").ClickAsync();
        await Expect(manager.GetByTestId("bank-link-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var hostedUrl = await manager.GetByTestId("bank-link-url").InputValueAsync();

        // The employer goes through Stripe's page and comes back to the dashboard's return page.
        await manager.GotoAsync(hostedUrl);
        await manager.GetByLabel("StripeBank").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Link accounts" }).ClickAsync();
        await Expect(manager).ToHaveURLAsync(new Regex("/bank-accounts/linked\\?link="));
        await Expect(manager.GetByTestId("bank-link-result")).ToContainTextAsync("Linked 3 bank accounts");

        var employer = await app.SignInAsync("employer@demo.local");
        await employer.GotoAsync("/bank-accounts");
        var grid = employer.GetByTestId("bank-account-grid");
        var operating = grid.Locator("tbody tr", new() { HasText = "••••1234" });
        var reserve = grid.Locator("tbody tr", new() { HasText = "••••9876" });
        await Expect(operating.GetByTestId("bank-status")).ToHaveTextAsync("Active");
        await operating.GetByTestId("open-bank-disconnect").OpenDialogAsync();
        await Expect(employer.GetByTestId("bank-disconnect-consequences")).ToContainTextAsync("Payment methods made from this account keep working");
        await employer.GetByTestId("bank-disconnect-reason").FillAsync("We closed the operating account");
        await employer.GetByTestId("confirm-bank-disconnect").ClickAsync();

        await Expect(operating.GetByTestId("bank-status")).ToHaveTextAsync("Disconnected");
        await Expect(operating.GetByTestId("bank-institution")).ToHaveTextAsync("StripeBank");
        await Expect(operating.GetByTestId("bank-disconnect-reason-shown")).ToHaveTextAsync("We closed the operating account");

        await app.DisconnectAtStripeAsync(await app.StripeAccountIdAsync("hr@acme.example", "9876"));
        await Expect(reserve.GetByTestId("bank-status")).ToHaveTextAsync("Disconnected", new() { Timeout = 10_000 });

        // Beside the employer's Finch connections, in the employer admin's own words, after Acme's demo accounts.
        await employer.GotoAsync("/your-connections");
        var yours = employer.GetByTestId("your-bank-accounts").GetByTestId("employer-bank-account").Filter(new() { HasText = "StripeBank" });
        await Expect(yours).ToHaveCountAsync(3);
        await Expect(yours.Filter(new() { HasText = "••••1234" }).GetByTestId("bank-status")).ToHaveTextAsync("Disconnected");
        await Expect(employer.GetByTestId("your-bank-accounts").GetByTestId("open-bank-relink")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_link_made_on_the_employers_page_waits_there_until_used_and_support_asks_for_a_disconnected_account_again()
    {
        var manager = await app.SignInAsync("manager@demo.local");
        await manager.GotoAsync("/employers");
        await manager.GetByTestId("employer-link").Filter(new() { HasText = "Globex Retail" }).ClickAsync();
        await Expect(manager.GetByTestId("employer-name")).ToHaveTextAsync("Globex Retail");
        await Expect(manager.GetByTestId("employer-connection-counts")).ToContainTextAsync("live");
        // Globex's demo accounts are at other banks.
        var accounts = manager.GetByTestId("employer-bank-account").Filter(new() { HasText = "StripeBank" });
        await Expect(accounts).ToHaveCountAsync(0);
        var employerPage = manager.Url;

        await manager.GetByTestId("employer-link-bank-account").OpenDialogAsync();
        await Expect(manager.GetByTestId("bank-link-for")).ToHaveTextAsync("For Globex Retail");
        await manager.GetByTestId("create-bank-link").ClickAsync();
        await Expect(manager.GetByTestId("bank-link-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var hostedUrl = await manager.GetByTestId("bank-link-url").InputValueAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(manager.GetByTestId("bank-link-pending")).ToHaveCountAsync(1);
        await Expect(manager.GetByTestId("bank-link-pending")).ToContainTextAsync("made by Max Manager");

        await manager.GotoAsync(hostedUrl);
        await manager.GetByLabel("StripeBank").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Link accounts" }).ClickAsync();
        await Expect(manager.GetByTestId("bank-link-result")).ToContainTextAsync("Linked 3 bank accounts");

        await manager.GotoAsync(employerPage);
        await Expect(accounts).ToHaveCountAsync(3);
        await Expect(manager.GetByTestId("bank-link-pending")).ToHaveCountAsync(0);
        await accounts.Filter(new() { HasText = "••••1234" }).GetByTestId("open-bank-disconnect").OpenDialogAsync();
        await manager.GetByTestId("bank-disconnect-reason").FillAsync("Globex moved payroll funding to another bank");
        await manager.GetByTestId("confirm-bank-disconnect").ClickAsync();
        await Expect(accounts.Filter(new() { HasText = "••••1234" }).GetByTestId("bank-status")).ToHaveTextAsync("Disconnected");

        // Support cannot link or disconnect, but can send the employer a new link with a message saying why.
        var support = await app.SignInAsync("support@demo.local");
        await support.GotoAsync(employerPage);
        var disconnected = support.GetByTestId("employer-bank-account").Filter(new() { HasText = "••••1234" });
        await Expect(disconnected.GetByTestId("bank-status")).ToHaveTextAsync("Disconnected");
        await Expect(support.GetByTestId("employer-link-bank-account")).ToHaveCountAsync(0);
        await Expect(support.GetByTestId("open-bank-disconnect")).ToHaveCountAsync(0);
        await disconnected.GetByTestId("open-bank-relink").OpenDialogAsync();
        await support.GetByTestId("create-bank-relink").ClickAsync();
        await Expect(support.GetByTestId("connect-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var relinkUrl = await support.GetByTestId("connect-url").InputValueAsync();
        var message = support.GetByTestId("bank-relink-message");
        await Expect(message).ToHaveValueAsync(new Regex(Regex.Escape(relinkUrl)));
        await Expect(message).ToHaveValueAsync(new Regex("ending in 1234: it was disconnected on"));
        await support.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(support.GetByTestId("bank-link-pending")).ToContainTextAsync("made by Sam Support");
    }
}
