using System.Security.Cryptography;
using System.Text;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class WebhookTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task Webhooks_are_signed_with_hmac_sha256_of_id_timestamp_and_body()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
        var connectionId = connection.GetProperty("connection_id").GetString();

        var webhook = (await factory.Webhooks.WaitForAsync(w => w.Json.GetProperty("connection_id").GetString() == connectionId
                                                                && w.Json.GetProperty("event_type").GetString() == "account.updated")).Single();

        Assert.StartsWith("msg_", webhook.EventId);
        var timestamp = long.Parse(webhook.Timestamp, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -5, 30);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(SandboxFactory.WebhookSecret),
            Encoding.UTF8.GetBytes($"{webhook.EventId}.{webhook.Timestamp}.{webhook.Body}")));
        Assert.Equal("v1," + expected, webhook.Signature);

        var json = webhook.Json;
        Assert.Equal("account.updated", json.GetProperty("event_type").GetString());
        Assert.Equal(connection.GetProperty("account_id").GetString(), json.GetProperty("account_id").GetString());
        Assert.Equal(connection.GetProperty("company_id").GetString(), json.GetProperty("company_id").GetString());
        Assert.Equal("connected", json.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("oauth", json.GetProperty("data").GetProperty("authentication_method").GetProperty("type").GetString());
    }
}

/// <summary>Own factory so no other test's webhooks consume the simulated failures.</summary>
public sealed class WebhookRetryFactory : SandboxFactory;

public class WebhookRetryTests(WebhookRetryFactory factory) : IClassFixture<WebhookRetryFactory>
{
    [Fact]
    public async Task Failed_deliveries_are_retried_with_the_same_event_id()
    {
        var api = new FinchApi(factory);
        factory.Webhooks.FailNext(2);

        var connection = await api.CreateSandboxConnectionAsync();
        var connectionId = connection.GetProperty("connection_id").GetString();

        var delivered = (await factory.Webhooks.WaitForAsync(w => w.Json.GetProperty("connection_id").GetString() == connectionId
                                                                && w.Json.GetProperty("event_type").GetString() == "account.updated")).Single();
        Assert.Equal(3, factory.Webhooks.AttemptedEventIds.Count(id => id == delivered.EventId));
    }

    [Fact]
    public async Task Deliveries_stop_after_the_configured_attempts()
    {
        var api = new FinchApi(factory);
        var before = factory.Webhooks.AttemptedEventIds.Count;
        factory.Webhooks.FailNext(100);
        try
        {
            // Assisted: no initial sync, so the account.updated is the only event.
            var connection = await api.CreateSandboxConnectionAsync("paylocity", "assisted");
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (factory.Webhooks.AttemptedEventIds.Count - before < 4 && DateTime.UtcNow < deadline) await Task.Delay(20);
            await Task.Delay(500); // longer than the next backoff (0.4 s): no fifth attempt may come

            var attempts = factory.Webhooks.AttemptedEventIds.Skip(before).ToList();
            Assert.Equal(4, attempts.Count);
            Assert.Single(attempts.Distinct());
            Assert.DoesNotContain(factory.Webhooks.Received, w => w.Json.GetProperty("connection_id").GetString() == connection.GetProperty("connection_id").GetString());
        }
        finally
        {
            factory.Webhooks.FailNext(0);
        }
    }
}
