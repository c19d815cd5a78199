using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class WebhookTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    [Fact]
    public async Task Events_are_signed_like_stripe_hmac_sha256_of_timestamp_and_payload_keyed_with_the_whole_secret()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer);

        var webhook = await factory.Webhooks.WaitForAsync("financial_connections.account.created", account.Id);

        var parts = webhook.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["t", "v1"], parts.Keys.Order());
        var timestamp = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -5, 30);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(StripeSandboxFactory.WebhookSecret), Encoding.UTF8.GetBytes($"{parts["t"]}.{webhook.Body}")));
        Assert.Equal(expected, parts["v1"]);
    }

    [Fact]
    public async Task Events_are_stripe_event_objects_naming_the_request_that_caused_them()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer);

        var disconnect = await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/disconnect", "disconnect-" + account.Id);
        var json = (await factory.Webhooks.WaitForAsync("financial_connections.account.disconnected", account.Id)).Json;

        Assert.StartsWith("evt_", json.GetProperty("id").GetString());
        Assert.Equal("event", json.GetProperty("object").GetString());
        Assert.Equal(StripeSandboxFactory.ApiVersion, json.GetProperty("api_version").GetString());
        Assert.False(json.GetProperty("livemode").GetBoolean());
        Assert.InRange(json.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(disconnect.RequestId, json.GetProperty("request").GetProperty("id").GetString());
        Assert.Equal("disconnect-" + account.Id, json.GetProperty("request").GetProperty("idempotency_key").GetString());
        var data = json.GetProperty("data").GetProperty("object");
        Assert.Equal("financial_connections.account", data.GetProperty("object").GetString());
        Assert.Equal("disconnected", data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_changes_from_outside_emit_deactivated_reactivated_and_disconnected()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer);
        var status = $"/_sandbox/financial_connections/accounts/{account.Id}/status";

        await _api.PostAsync(status, ("status", "inactive"));
        var deactivated = await factory.Webhooks.WaitForAsync("financial_connections.account.deactivated", account.Id);
        await _api.PostAsync(status, ("status", "active"));
        var reactivated = await factory.Webhooks.WaitForAsync("financial_connections.account.reactivated", account.Id);
        await _api.PostAsync(status, ("status", "disconnected"));
        var disconnected = await factory.Webhooks.WaitForAsync("financial_connections.account.disconnected", account.Id);

        Assert.Equal("inactive", deactivated.Json.GetProperty("data").GetProperty("object").GetProperty("status").GetString());
        Assert.Equal("active", reactivated.Json.GetProperty("data").GetProperty("object").GetProperty("status").GetString());
        Assert.Equal("disconnected", disconnected.Json.GetProperty("data").GetProperty("object").GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, disconnected.Json.GetProperty("request").GetProperty("id").ValueKind);
    }

    [Fact]
    public async Task A_finished_balance_refresh_emits_refreshed_balance()
    {
        var customer = await _api.CreateCustomerAsync();
        var account = await _api.CreateAccountAsync(customer, ("permissions[]", "balances"));

        await _api.PostAsync($"/v1/financial_connections/accounts/{account.Id}/refresh", ("features[]", "balance"));
        var webhook = await factory.Webhooks.WaitForAsync("financial_connections.account.refreshed_balance", account.Id);

        var data = webhook.Json.GetProperty("data").GetProperty("object");
        Assert.Equal("succeeded", data.GetProperty("balance_refresh").GetProperty("status").GetString());
        Assert.True(data.GetProperty("balance").GetProperty("current").GetProperty("usd").GetInt64() > 0);
    }
}

/// <summary>Own factory so no other test's webhooks consume the simulated failures.</summary>
public sealed class WebhookRetryFactory : StripeSandboxFactory;

public class WebhookRetryTests(WebhookRetryFactory factory) : IClassFixture<WebhookRetryFactory>
{
    private readonly StripeApi _api = new(factory);

    [Fact]
    public async Task Failed_deliveries_are_retried_with_the_same_event()
    {
        var customer = await _api.CreateCustomerAsync();
        factory.Webhooks.FailNext(2);

        var account = await _api.CreateAccountAsync(customer);
        var delivered = await factory.Webhooks.WaitForAsync("financial_connections.account.created", account.Id);

        var eventId = delivered.Json.GetProperty("id").GetString();
        Assert.Equal(3, factory.Webhooks.AttemptedEventIds.Count(id => id == eventId));
    }

    [Fact]
    public async Task Deliveries_stop_after_the_configured_attempts()
    {
        var customer = await _api.CreateCustomerAsync();
        var before = factory.Webhooks.AttemptedEventIds.Count;
        factory.Webhooks.FailNext(100);
        try
        {
            var account = await _api.CreateAccountAsync(customer);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (factory.Webhooks.AttemptedEventIds.Count - before < 4 && DateTime.UtcNow < deadline) await Task.Delay(20);
            await Task.Delay(500); // longer than the next backoff (0.4 s): no fifth attempt may come

            var attempts = factory.Webhooks.AttemptedEventIds.Skip(before).ToList();
            Assert.Equal(4, attempts.Count);
            Assert.Single(attempts.Distinct());
            Assert.Empty(factory.Webhooks.About(account.Id));
        }
        finally
        {
            factory.Webhooks.FailNext(0);
        }
    }
}
