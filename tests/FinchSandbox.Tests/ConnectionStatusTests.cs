using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class ConnectionStatusTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task Reauth_status_answers_data_calls_with_reauthenticate_user_while_introspect_still_works()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
        var token = connection.GetProperty("access_token").GetString()!;

        await _api.SetStatusAsync(token, "reauth");

        var body = await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), 401, "authentication_error", "reauthenticate_user");
        Assert.Equal("Please reauthenticate user", body.GetProperty("message").GetString());
        var introspection = await _api.IntrospectAsync(token);
        Assert.Equal("reauth", introspection.GetProperty("connection_status").GetProperty("status").GetString());
        Assert.Equal("reauth", introspection.GetProperty("authentication_methods")[0].GetProperty("connection_status").GetProperty("status").GetString());

        await _api.SetStatusAsync(token, "connected");
        await FinchApi.JsonAsync(await _api.GetAsync("/employer/company", token));
    }

    [Fact]
    public async Task Every_status_change_publishes_account_updated()
    {
        var connection = await _api.CreateSandboxConnectionAsync("justworks");
        var token = connection.GetProperty("access_token").GetString()!;
        var connectionId = connection.GetProperty("connection_id").GetString();

        await _api.SetStatusAsync(token, "error_permissions");
        await _api.SetStatusAsync(token, "connected");

        // The initial sync's job webhooks name the connection too.
        var events = await factory.Webhooks.WaitForAsync(
            w => w.Json.GetProperty("connection_id").GetString() == connectionId && w.Json.GetProperty("event_type").GetString() == "account.updated", count: 3);
        Assert.Equal(["connected", "error_permissions", "connected"], events.Select(e => e.Json.GetProperty("data").GetProperty("status").GetString()));
        Assert.All(events, e => Assert.Equal(connection.GetProperty("company_id").GetString(), e.Json.GetProperty("company_id").GetString()));
    }

    [Fact]
    public async Task Other_error_statuses_map_to_finchs_errors()
    {
        var connection = await _api.CreateSandboxConnectionAsync("bamboo_hr");
        var token = connection.GetProperty("access_token").GetString()!;

        await _api.SetStatusAsync(token, "error_permissions");
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), 403, "error_permissions", "insufficient_account_permissions");

        await _api.SetStatusAsync(token, "error_no_account_setup");
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), 401, "authentication_error", "account_setup_required");

        await _api.SetStatusAsync(token, "processing");
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), 202, "accepted", "data_sync_in_progress");
    }

    [Fact]
    public async Task Sandbox_status_update_validates_the_status()
    {
        var connection = await _api.CreateSandboxConnectionAsync();

        var response = await _api.SendAsync(HttpMethod.Put, "/sandbox/connections/accounts", new { connection_status = "asleep" },
            FinchApi.Bearer(connection.GetProperty("access_token").GetString()!));

        await FinchApi.AssertErrorAsync(response, 400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task Assisted_sandbox_connections_answer_202_until_connected()
    {
        var connection = await _api.CreateSandboxConnectionAsync("insperity");
        var token = connection.GetProperty("access_token").GetString()!;

        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), 202, "authorization_pending", "pending");

        await _api.SetStatusAsync(token, "connected");
        var company = await FinchApi.JsonAsync(await _api.GetAsync("/employer/company", token));
        Assert.Equal(connection.GetProperty("company_id").GetString(), company.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Company_needs_the_company_product()
    {
        var connection = await _api.CreateSandboxConnectionAsync(products: ["directory"]);

        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", connection.GetProperty("access_token").GetString()!),
            403, "insufficient_scope_error", null);
    }
}
