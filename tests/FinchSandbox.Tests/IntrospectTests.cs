using System.Text.Json;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class IntrospectTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order()];

    [Fact]
    public async Task Introspection_has_exactly_finchs_property_names()
    {
        var token = await ConnectFlows.ConnectAndExchangeAsync(_api, FinchApi.NewCustomerId(), "paylocity");

        // last_successful_sync is null until the initial sync completes.
        await _api.WaitForInitialSyncAsync(token.GetProperty("connection_id").GetString()!);
        var body = await _api.IntrospectAsync(token.GetProperty("access_token").GetString()!);

        Assert.Equal(
            ["account_id", "authentication_methods", "client_id", "client_type", "company_id", "connection_id", "connection_status",
             "connection_type", "customer_email", "customer_id", "customer_name", "entities", "id", "manual", "payroll_provider_id",
             "products", "provider_id", "username"],
            Names(body));
        Assert.Equal(["last_successful_sync", "message", "status"], Names(body.GetProperty("connection_status")));
        var method = Assert.Single(body.GetProperty("authentication_methods").EnumerateArray());
        Assert.Equal(["connection_status", "products", "type"], Names(method));
        Assert.Equal("credential", method.GetProperty("type").GetString());
        Assert.Equal(["id", "name", "source_id", "status"], Names(body.GetProperty("entities")[0]));

        Assert.Equal(SandboxFactory.ClientId, body.GetProperty("client_id").GetString());
        Assert.Equal(token.GetProperty("connection_id").GetString(), body.GetProperty("connection_id").GetString());
        Assert.Equal(token.GetProperty("account_id").GetString(), body.GetProperty("account_id").GetString());
        Assert.Equal("paylocity", body.GetProperty("provider_id").GetString());
        Assert.Equal("paylocity", body.GetProperty("payroll_provider_id").GetString());
        Assert.Equal("connected", body.GetProperty("connection_status").GetProperty("status").GetString());
        Assert.EndsWith("Z", body.GetProperty("connection_status").GetProperty("last_successful_sync").GetString());
        Assert.False(body.GetProperty("manual").GetBoolean());
    }

    [Fact]
    public async Task Sandbox_accounts_share_the_connection_and_show_in_every_tokens_introspection()
    {
        var connection = await _api.CreateSandboxConnectionAsync("paychex_flex", "api_token");
        var account = await _api.AddSandboxAccountAsync(connection.GetProperty("company_id").GetString()!, "paychex_flex");

        Assert.Equal(connection.GetProperty("connection_id").GetString(), account.GetProperty("connection_id").GetString());
        Assert.NotEqual(connection.GetProperty("access_token").GetString(), account.GetProperty("access_token").GetString());

        var body = await _api.IntrospectAsync(connection.GetProperty("access_token").GetString()!);
        Assert.Equal("finch", body.GetProperty("connection_type").GetString());
        Assert.Equal(2, body.GetProperty("entities").GetArrayLength());
        Assert.Equal(["api_token", "credential"],
            body.GetProperty("authentication_methods").EnumerateArray().Select(m => m.GetProperty("type").GetString()!).Order());
    }

    [Fact]
    public async Task Sandbox_connection_validation()
    {
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/sandbox/connections", new { provider_id = "nope" }, FinchApi.Basic()),
            400, "bad_request", "invalid_request");
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/sandbox/connections",
            new { provider_id = "gusto", authentication_type = "credential" }, FinchApi.Basic()), 400, "bad_request", "invalid_request");
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/sandbox/connections/accounts",
            new { company_id = Guid.NewGuid(), provider_id = "gusto" }, FinchApi.Basic()), 404, "not_found_error", "item_not_found");
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Put, "/sandbox/connections/accounts",
            new { connection_status = "reauth" }), 401, "unauthorized_request_error", null);
    }

    [Fact]
    public async Task Sandbox_connection_response_matches_the_sdk_shape()
    {
        var body = await _api.CreateSandboxConnectionAsync("gusto", products: ["company", "payment"]);

        Assert.Equal(["access_token", "account_id", "authentication_type", "company_id", "connection_id", "entity_id", "products", "provider_id", "token_type"],
            Names(body));
        Assert.Equal("oauth", body.GetProperty("authentication_type").GetString());
        Assert.Equal(["company", "payment"], body.GetProperty("products").EnumerateArray().Select(p => p.GetString()));
    }
}
