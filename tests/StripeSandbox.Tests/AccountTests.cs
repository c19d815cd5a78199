using System.Net;
using System.Text.Json;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class AccountTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    private async Task<JsonElement> WaitForRefreshAsync(string id, string field)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var account = (await _api.GetAsync($"/v1/financial_connections/accounts/{id}")).Json;
            if (account.GetProperty(field).GetProperty("status").GetString() != "pending") return account;
            await Task.Delay(20);
        }
        throw new TimeoutException($"{field} of {id} stayed pending.");
    }

    [Fact]
    public async Task Disconnect_returns_the_account_disconnected_and_keeps_it_readable()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer, ("institution_name", "PNC Bank"));

        var disconnected = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/disconnect");
        var read = await _api.GetAsync($"/v1/financial_connections/accounts/{account.Id}");

        Assert.Equal(HttpStatusCode.OK, disconnected.Status);
        Assert.Equal("disconnected", disconnected.Json.GetProperty("status").GetString());
        Assert.Equal("disconnected", read.Json.GetProperty("status").GetString());
        Assert.Equal("PNC Bank", read.Json.GetProperty("institution_name").GetString());
    }

    [Fact]
    public async Task A_balance_refresh_goes_pending_then_succeeds_and_its_data_stays_readable_after_disconnecting()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer, ("permissions[]", "balances"), ("permissions[]", "payment_method"));

        var started = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/refresh", ("features[]", "balance"));
        var refreshed = await WaitForRefreshAsync(account.Id, "balance_refresh");
        await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/disconnect");
        var afterDisconnect = (await _api.GetAsync($"/v1/financial_connections/accounts/{account.Id}")).Json;

        Assert.Equal("pending", started.Json.GetProperty("balance_refresh").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, started.Json.GetProperty("balance_refresh").GetProperty("next_refresh_available_at").ValueKind);
        Assert.Equal("succeeded", refreshed.GetProperty("balance_refresh").GetProperty("status").GetString());
        Assert.True(refreshed.GetProperty("balance_refresh").GetProperty("last_attempted_at").GetInt64() > 0);
        var balance = refreshed.GetProperty("balance").GetProperty("current").GetProperty("usd").GetInt64();
        Assert.Equal(balance, afterDisconnect.GetProperty("balance").GetProperty("current").GetProperty("usd").GetInt64());
        Assert.Equal("succeeded", afterDisconnect.GetProperty("balance_refresh").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Refreshing_a_disconnected_account_is_refused_with_an_invalid_request_error()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer);
        await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/disconnect");

        var refresh = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/refresh", ("features[]", "balance"));
        var subscribe = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/subscribe", ("features[]", "transactions"));

        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_request_error", refresh.Error.GetProperty("type").GetString());
        Assert.Contains("disconnected and cannot be refreshed", refresh.Error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, subscribe.Status);
        Assert.Equal(JsonValueKind.Null, (await _api.GetAsync($"/v1/financial_connections/accounts/{account.Id}")).Json.GetProperty("balance_refresh").ValueKind);
    }

    [Fact]
    public async Task A_refresh_needs_the_matching_permission()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer, ("permissions[]", "payment_method"));

        var refresh = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/refresh", ("features[]", "ownership"));

        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("features[0]", refresh.Error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Transactions_refresh_and_subscription_are_recorded_as_stripe_shows_them()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer, ("permissions[]", "transactions"));

        var subscribed = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/subscribe", ("features[]", "transactions"));
        await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/refresh", ("features[]", "transactions"));
        var refreshed = await WaitForRefreshAsync(account.Id, "transaction_refresh");

        Assert.Equal(["transactions"], subscribed.Json.GetProperty("subscriptions").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("fctxnref_", refreshed.GetProperty("transaction_refresh").GetProperty("id").GetString());
        Assert.Equal("succeeded", refreshed.GetProperty("transaction_refresh").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_control_endpoint_moves_status_but_never_revives_a_disconnected_account()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer, ("status", "inactive"));

        var reactivated = await _api.PostAsync($"/_sandbox/financial_connections/accounts/{account.Id}/status", ("status", "active"));
        var disconnected = await _api.PostAsync($"/_sandbox/financial_connections/accounts/{account.Id}/status", ("status", "disconnected"));
        var revived = await _api.PostAsync($"/_sandbox/financial_connections/accounts/{account.Id}/status", ("status", "active"));

        Assert.Equal("inactive", account.Json.GetProperty("status").GetString());
        Assert.Equal("active", reactivated.Json.GetProperty("status").GetString());
        Assert.Equal("disconnected", disconnected.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, revived.Status);
    }

    [Fact]
    public async Task Listing_accounts_needs_a_customer_or_a_session()
    {
        var response = await _api.GetAsync("/v1/financial_connections/accounts");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("account_holder", response.Error.GetProperty("param").GetString());
    }
}
