using System.Net;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class IdempotencyTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    [Fact]
    public async Task The_same_key_and_parameters_replay_the_first_answer_without_doing_it_again()
    {
        var key = Guid.NewGuid().ToString();
        var email = $"{key}@example.test";

        var first = await _api.PostAsync("/v1/customers", key, ("email", email), ("metadata[a]", "1"));
        var again = await _api.PostAsync("/v1/customers", key, ("email", email), ("metadata[a]", "1"));
        var listed = await _api.GetAsync("/v1/customers", ("email", email));

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Json.GetRawText(), again.Json.GetRawText());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.RequestId, again.Headers.GetValues("Original-Request").Single());
        Assert.Single(listed.Json.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task The_same_key_with_other_parameters_is_an_idempotency_error()
    {
        var key = Guid.NewGuid().ToString();

        await _api.PostAsync("/v1/customers", key, ("email", "one@example.test"));
        var other = await _api.PostAsync("/v1/customers", key, ("email", "two@example.test"));
        var otherEndpoint = await _api.PostAsync("/v1/financial_connections/sessions", key, ("email", "one@example.test"));

        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal("idempotency_error", other.Error.GetProperty("type").GetString());
        Assert.Contains($"Try using a key other than '{key}'", other.Error.GetProperty("message").GetString());
        Assert.Equal("idempotency_error", otherEndpoint.Error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_disconnect_replayed_by_key_emits_its_webhook_once()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer);
        var key = Guid.NewGuid().ToString();

        var first = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/disconnect", key);
        var replay = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/disconnect", key);
        await factory.Webhooks.WaitForAsync("financial_connections.account.disconnected", account.Id);
        await Task.Delay(200);

        Assert.Equal(first.Json.GetRawText(), replay.Json.GetRawText());
        Assert.Single(factory.Webhooks.About(account.Id), w => w.Type == "financial_connections.account.disconnected");
    }

    [Fact]
    public async Task A_request_refused_while_validating_keeps_nothing_so_the_key_can_be_used_again()
    {
        var customer = await _api.CreateCustomerAsync();
        var key = Guid.NewGuid().ToString();

        var refused = await _api.PostAsync("/v1/financial_connections/sessions", key,
            ("account_holder[type]", "customer"), ("account_holder[customer]", customer));
        var fixedUp = await _api.PostAsync("/v1/financial_connections/sessions", key,
            ("account_holder[type]", "customer"), ("account_holder[customer]", customer), ("permissions[]", "balances"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.OK, fixedUp.Status);
        Assert.StartsWith("fcsess_", fixedUp.Id);
    }
}
