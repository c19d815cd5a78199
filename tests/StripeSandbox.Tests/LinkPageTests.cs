using System.Net;
using System.Text.RegularExpressions;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public partial class LinkPageTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    private const string ReturnUrl = "https://dashboard.test/bank-accounts/return";

    private static string PathOf(string hostedUrl) => new Uri(hostedUrl).PathAndQuery;

    private async Task<HttpResponseMessage> SubmitAsync(string clientSecret, params (string Key, string Value)[] fields) =>
        await _api.Browser.PostAsync("/link-accounts", new FormUrlEncodedContent(
            fields.Append((Key: "client_secret", Value: clientSecret)).Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));

    [GeneratedRegex("<label for=\"(?<for>[^\"]+)\">(?<text>[^<]+)</label>")]
    private static partial Regex Label();

    [Fact]
    public async Task A_user_picks_a_bank_and_accounts_and_comes_back_to_the_return_url_with_the_accounts_linked()
    {
        var customer = await _api.CreateCustomerAsync();
        var session = await _api.CreateSessionAsync(customer, ReturnUrl);
        var secret = session.Json.GetProperty("client_secret").GetString()!;

        using var banks = await _api.Browser.GetAsync(PathOf(session.Json.GetProperty("hosted_auth_url").GetString()!));
        var banksHtml = await banks.Content.ReadAsStringAsync();
        using var chosen = await SubmitAsync(secret, ("step", "institution"), ("institution", "stripebank"), ("decision", "continue"));
        using var accountsPage = await _api.Browser.GetAsync(chosen.Headers.Location!.OriginalString);
        var accountsHtml = await accountsPage.Content.ReadAsStringAsync();
        using var linked = await SubmitAsync(secret, ("step", "accounts"), ("institution", "stripebank"),
            ("account", "operating"), ("account", "reserve"), ("decision", "link"));

        Assert.Equal(HttpStatusCode.OK, banks.StatusCode);
        Assert.Contains(Label().Matches(banksHtml), m => m.Groups["text"].Value == "StripeBank" && banksHtml.Contains($"id=\"{m.Groups["for"].Value}\""));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Contains("Operating account ending in 1234", accountsHtml);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal(ReturnUrl, linked.Headers.Location!.OriginalString);

        var completed = await _api.GetAsync($"/v1/financial_connections/sessions/{session.Id}");
        var accounts = completed.Json.GetProperty("accounts").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, a => Assert.Equal("StripeBank", a.GetProperty("institution_name").GetString()));
        Assert.All(accounts, a => Assert.Equal(customer, a.GetProperty("account_holder").GetProperty("customer").GetString()));
        Assert.Equal(["1234", "9876"], accounts.Select(a => a.GetProperty("last4").GetString()).Order());
        Assert.All(accounts, a => Assert.Equal(["payment_method", "balances"], a.GetProperty("permissions").EnumerateArray().Select(p => p.GetString())));

        var bySession = await _api.GetAsync("/v1/financial_connections/accounts", ("session", session.Id));
        Assert.Equal(2, bySession.Json.GetProperty("data").GetArrayLength());
        foreach (var account in accounts)
            await factory.Webhooks.WaitForAsync("financial_connections.account.created", account.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_page_says_what_to_do_when_nothing_is_chosen_and_only_offers_the_subcategories_asked_for()
    {
        var customer = await _api.CreateCustomerAsync();
        var session = await _api.CreateSessionAsync(customer, ReturnUrl, ("filters[account_subcategories][]", "savings"));
        var secret = session.Json.GetProperty("client_secret").GetString()!;

        using var noBank = await SubmitAsync(secret, ("step", "institution"), ("decision", "continue"));
        using var noAccount = await SubmitAsync(secret, ("step", "accounts"), ("institution", "test_institution"), ("decision", "link"));
        var html = await noAccount.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noBank.StatusCode);
        Assert.Contains("role=\"alert\"", await noBank.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAccount.StatusCode);
        Assert.Contains("Select at least one account to link", html);
        Assert.Contains("Savings ending in 4321", html);
        Assert.DoesNotContain("Checking ending in", html);
    }

    [Fact]
    public async Task Cancelling_returns_with_no_accounts_and_a_used_link_cannot_be_used_again()
    {
        var customer = await _api.CreateCustomerAsync();
        var session = await _api.CreateSessionAsync(customer, ReturnUrl);
        var secret = session.Json.GetProperty("client_secret").GetString()!;

        using var cancelled = await SubmitAsync(secret, ("step", "institution"), ("decision", "cancel"));
        using var again = await _api.Browser.GetAsync(PathOf(session.Json.GetProperty("hosted_auth_url").GetString()!));
        using var forged = await _api.Browser.GetAsync("/link-accounts?client_secret=fcsess_client_secret_forged");

        Assert.Equal(ReturnUrl, cancelled.Headers.Location!.OriginalString);
        Assert.Equal(0, (await _api.GetAsync($"/v1/financial_connections/sessions/{session.Id}")).Json.GetProperty("accounts").GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Prefetched_data_is_refreshed_right_after_linking()
    {
        var customer = await _api.CreateCustomerAsync();
        var session = await _api.CreateSessionAsync(customer, ReturnUrl, ("prefetch[]", "balances"));
        var secret = session.Json.GetProperty("client_secret").GetString()!;

        await SubmitAsync(secret, ("step", "accounts"), ("institution", "test_oauth_institution"), ("account", "payroll"), ("decision", "link"));
        var account = (await _api.GetAsync($"/v1/financial_connections/sessions/{session.Id}")).Json.GetProperty("accounts").GetProperty("data")[0];
        var refreshed = await factory.Webhooks.WaitForAsync("financial_connections.account.refreshed_balance", account.GetProperty("id").GetString()!);

        Assert.Equal("Payroll Account", account.GetProperty("display_name").GetString());
        Assert.Equal("succeeded", refreshed.Json.GetProperty("data").GetProperty("object").GetProperty("balance_refresh").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_return_url_the_page_tells_the_user_they_are_done()
    {
        var customer = await _api.CreateCustomerAsync();
        var session = await _api.CreateSessionAsync(customer, returnUrl: null);
        var secret = session.Json.GetProperty("client_secret").GetString()!;

        using var linked = await SubmitAsync(secret, ("step", "accounts"), ("institution", "test_institution"), ("account", "checking"), ("decision", "link"));

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Contains("Your account is linked. You can close this window.", await linked.Content.ReadAsStringAsync());
    }
}
