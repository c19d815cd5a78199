using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class DisconnectTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task Disconnect_entity_keeps_history_in_introspect_and_the_token_working()
    {
        var token = await ConnectFlows.ConnectAndExchangeAsync(_api, FinchApi.NewCustomerId(), "paychex_flex");
        var accessToken = token.GetProperty("access_token").GetString()!;
        var entityIds = token.GetProperty("entity_ids").EnumerateArray().Select(e => e.GetString()!).ToList();

        var response = await _api.SendAsync(HttpMethod.Post, "/disconnect-entity", new { entity_ids = new[] { entityIds[0], entityIds[1] } }, FinchApi.Bearer(accessToken));
        Assert.Equal("success", (await FinchApi.JsonAsync(response)).GetProperty("status").GetString());

        var introspection = await _api.IntrospectAsync(accessToken);
        var statuses = introspection.GetProperty("entities").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal(3, statuses.Count);
        Assert.Equal("disconnected", statuses[entityIds[0]]);
        Assert.Equal("disconnected", statuses[entityIds[1]]);
        Assert.Equal("connected", statuses[entityIds[2]]);
        Assert.Equal("connected", introspection.GetProperty("connection_status").GetProperty("status").GetString());

        await FinchApi.JsonAsync(await _api.GetAsync($"/employer/company?entity_ids={entityIds[2]}", accessToken));
        await FinchApi.AssertErrorAsync(await _api.GetAsync($"/employer/company?entity_ids={entityIds[0]}", accessToken), 400, "bad_request", "invalid_request");

        var events = await factory.Webhooks.WaitForAsync(w =>
            w.Json.GetProperty("connection_id").GetString() == token.GetProperty("connection_id").GetString()
            // The connection's initial sync posts job webhooks too, whose data has no status.
            && w.Json.TryGetProperty("data", out var data) && data.TryGetProperty("status", out var status) && status.GetString() == "disconnected",
            count: 2);
        Assert.Equal(new[] { entityIds[0], entityIds[1] }.Order(), events.Select(e => e.Json.GetProperty("entity_id").GetString()!).Order());
        Assert.All(events, e => Assert.Equal("account.updated", e.Json.GetProperty("event_type").GetString()));
        Assert.All(events, e => Assert.Equal("credential", e.Json.GetProperty("data").GetProperty("authentication_method").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Disconnect_entity_validates_entity_ids()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
        var token = FinchApi.Bearer(connection.GetProperty("access_token").GetString()!);

        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/disconnect-entity", new { entity_ids = Array.Empty<string>() }, token),
            400, "bad_request", "invalid_request");
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/disconnect-entity", new { entity_ids = new[] { Guid.NewGuid().ToString() } }, token),
            400, "bad_request", "invalid_request");

        var entityId = connection.GetProperty("entity_id").GetString();
        await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Post, "/disconnect-entity", new { entity_ids = new[] { entityId } }, token));
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/disconnect-entity", new { entity_ids = new[] { entityId } }, token),
            400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task Disconnect_revokes_every_token_of_the_employer_provider_pair_only()
    {
        var connection = await _api.CreateSandboxConnectionAsync("paychex_flex");
        var account = await _api.AddSandboxAccountAsync(connection.GetProperty("company_id").GetString()!, "paychex_flex");
        var unrelated = await _api.CreateSandboxConnectionAsync("paychex_flex");
        var first = connection.GetProperty("access_token").GetString()!;
        var second = account.GetProperty("access_token").GetString()!;

        var response = await _api.SendAsync(HttpMethod.Post, "/disconnect", auth: FinchApi.Bearer(second));
        Assert.Equal("success", (await FinchApi.JsonAsync(response)).GetProperty("status").GetString());

        await FinchApi.AssertErrorAsync(await _api.GetAsync("/introspect", first), 401, "invalid_token_error", null);
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", second), 401, "invalid_token_error", null);
        await FinchApi.JsonAsync(await _api.GetAsync("/introspect", unrelated.GetProperty("access_token").GetString()!));

        var events = await factory.Webhooks.WaitForAsync(w =>
            w.Json.GetProperty("connection_id").GetString() == connection.GetProperty("connection_id").GetString()
            // The connection's initial sync posts job webhooks too, whose data has no status.
            && w.Json.TryGetProperty("data", out var data) && data.TryGetProperty("status", out var status) && status.GetString() == "disconnected",
            count: 2);
        Assert.Equal(2, events.Select(e => e.Json.GetProperty("entity_id").GetString()).Distinct().Count());
    }
}
