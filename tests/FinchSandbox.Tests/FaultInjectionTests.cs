using System.Diagnostics;
using System.Net;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class FaultInjectionDisabledTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task The_control_endpoint_does_not_exist_by_default()
    {
        var api = new FinchApi(factory);

        var response = await api.SendAsync(HttpMethod.Post, "/_sandbox/faults", new { kind = "server_error" }, FinchApi.Basic());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public class FaultInjectionTests(FaultInjectionSandboxFactory factory) : IClassFixture<FaultInjectionSandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    private async Task AddAsync(object fault) =>
        await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Post, "/_sandbox/faults", fault, FinchApi.Basic()), HttpStatusCode.Created);

    [Fact]
    public async Task The_calls_of_each_connections_tokens_are_listed_for_tests_to_count()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
        var token = connection.GetProperty("access_token").GetString()!;
        await _api.GetAsync("/jobs/automated?limit=5", token);
        await _api.IntrospectAsync(token);

        var listed = await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Get,
            $"/_sandbox/connections/{connection.GetProperty("connection_id").GetString()}/requests", auth: FinchApi.Basic()));

        Assert.Equal(["GET /jobs/automated", "GET /introspect"],
            listed.GetProperty("requests").EnumerateArray().Select(r => $"{r.GetProperty("method").GetString()} {r.GetProperty("path").GetString()}"));
    }

    [Fact]
    public async Task A_client_type_fault_makes_the_next_introspection_report_another_environment_and_a_bad_one_is_refused()
    {
        var token = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        await AddAsync(new { kind = "client_type", path_prefix = "/introspect", client_type = "production" });

        Assert.Equal("production", (await _api.IntrospectAsync(token)).GetProperty("client_type").GetString());
        Assert.Equal("sandbox", (await _api.IntrospectAsync(token)).GetProperty("client_type").GetString());
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/_sandbox/faults", new { kind = "client_type", client_type = "staging" }, FinchApi.Basic()),
            400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task Rate_limit_and_server_error_faults_hit_the_next_n_calls_then_stop()
    {
        var token = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        await AddAsync(new { kind = "rate_limit", count = 2, path_prefix = "/introspect", retry_after_seconds = 7 });

        var limited = await _api.GetAsync("/introspect", token);
        await FinchApi.AssertErrorAsync(limited, 429, "rate_limit_exceeded_error", "finch_application_rl");
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/introspect", token), 429, "rate_limit_exceeded_error", "finch_application_rl");
        await _api.IntrospectAsync(token);

        await AddAsync(new { kind = "server_error" });
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), 500, "server_error", null);
        await FinchApi.JsonAsync(await _api.GetAsync("/employer/company", token));
    }

    [Theory]
    [InlineData("account_setup_required", 401, "authentication_error", "account_setup_required")]
    [InlineData("payment_required", 402, "payment_required", "payment_required")]
    [InlineData("no_access", 403, "insufficient_scope_error", null)]
    [InlineData("unprocessable", 422, "unprocessable_request_error", "unsupported_parameters")]
    [InlineData("not_implemented", 501, "not_implemented_error", null)]
    public async Task Error_faults_answer_Finchs_documented_error_once(string kind, int status, string name, string? finchCode)
    {
        var token = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        await AddAsync(new { kind, path_prefix = "/employer" });

        await FinchApi.AssertErrorAsync(await _api.GetAsync("/employer/company", token), status, name, finchCode);
        await FinchApi.JsonAsync(await _api.GetAsync("/employer/company", token));
    }

    [Fact]
    public async Task Latency_faults_delay_and_reset_clears_everything()
    {
        var token = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        await AddAsync(new { kind = "latency", latency_ms = 300 });

        var watch = Stopwatch.StartNew();
        await _api.IntrospectAsync(token);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");

        await AddAsync(new { kind = "server_error", count = 5 });
        var listed = await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Get, "/_sandbox/faults", auth: FinchApi.Basic()));
        Assert.Equal(1, listed.GetProperty("faults").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, "/_sandbox/faults", auth: FinchApi.Basic())).StatusCode);
        await _api.IntrospectAsync(token);
    }

    [Fact]
    public async Task Control_endpoint_needs_credentials_and_a_known_kind()
    {
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Delete, "/_sandbox/faults"), 401, "invalid_client_error", null);
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Post, "/_sandbox/faults", new { kind = "meteor" }, FinchApi.Basic()),
            400, "bad_request", "invalid_request");
    }
}
