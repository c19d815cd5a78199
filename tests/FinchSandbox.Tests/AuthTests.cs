using System.Net;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class AuthTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task Basic_endpoints_without_credentials_answer_invalid_client_error()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/connect/sessions", new { customer_id = "c", customer_name = "C", products = new[] { "company" } });

        await FinchApi.AssertErrorAsync(response, 401, "invalid_client_error", null);
        Assert.True(response.Headers.Contains("Finch-Request-Id"));
    }

    [Fact]
    public async Task Basic_endpoints_with_a_wrong_secret_answer_401_before_reading_the_body()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/sandbox/connections", new { }, FinchApi.Basic(secret: "wrong"));

        await FinchApi.AssertErrorAsync(response, 401, "invalid_client_error", null);
    }

    [Fact]
    public async Task Bearer_endpoints_without_a_token_answer_unauthorized_request_error()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/introspect");

        await FinchApi.AssertErrorAsync(response, 401, "unauthorized_request_error", null);
    }

    [Fact]
    public async Task Bearer_endpoints_with_an_unknown_token_answer_invalid_token_error()
    {
        var response = await _api.GetAsync("/employer/company", "not-a-token");

        await FinchApi.AssertErrorAsync(response, 401, "invalid_token_error", null);
    }

    [Fact]
    public async Task Client_credentials_are_not_an_access_token()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/introspect", auth: FinchApi.Basic());

        await FinchApi.AssertErrorAsync(response, 401, "unauthorized_request_error", null);
    }

    [Fact]
    public async Task Token_exchange_with_wrong_client_secret_answers_invalid_client_error()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/auth/token",
            new { client_id = SandboxFactory.ClientId, client_secret = "nope", code = "abc" });

        await FinchApi.AssertErrorAsync(response, 401, "invalid_client_error", null);
    }

    [Fact]
    public async Task Token_exchange_with_unknown_code_answers_invalid_grant_error()
    {
        var response = await _api.SendAsync(HttpMethod.Post, "/auth/token",
            new { client_id = SandboxFactory.ClientId, client_secret = SandboxFactory.ClientSecret, code = "unknown" });

        await FinchApi.AssertErrorAsync(response, 400, "invalid_grant_error", null);
    }

    [Fact]
    public async Task Malformed_json_answers_invalid_request_in_finch_format()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/sessions")
        {
            Content = new StringContent("{\"customer_id\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = FinchApi.Basic();

        var response = await _api.Http.SendAsync(request);

        await FinchApi.AssertErrorAsync(response, 400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task Every_response_carries_a_distinct_request_id()
    {
        var first = await _api.SendAsync(HttpMethod.Get, "/providers", auth: FinchApi.Basic());
        var second = await _api.SendAsync(HttpMethod.Get, "/no-such-endpoint");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var firstId = Assert.Single(first.Headers.GetValues("Finch-Request-Id"));
        var secondId = Assert.Single(second.Headers.GetValues("Finch-Request-Id"));
        Assert.NotEqual(firstId, secondId);
    }
}
