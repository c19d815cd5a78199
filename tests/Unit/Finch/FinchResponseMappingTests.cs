using System.Net;
using System.Net.Http.Headers;
using FinchDashboard.Dashboard.Finch;

namespace FinchDashboard.Unit.Finch;

/// <summary>How Finch's HTTP answers become typed results; no retries here (see FinchRetryTests).</summary>
public class FinchResponseMappingTests
{
    private const string Token = "tok_live_8c1f6a2b9e4d47f0a1b2";
    private static readonly FinchAccessToken AccessToken = new(Token);

    private static string Error(int status, string name, string? finchCode, string message, string? context = null) =>
        $$"""{"statusCode":{{status}},"status":{{status}},"code":{{status}},"name":"{{name}}","message":"{{message}}"{{(finchCode is null ? "" : $",\"finch_code\":\"{finchCode}\"")}}{{(context is null ? "" : $",\"context\":{context}")}}}""";

    private static Task<FinchResult<FinchCompany>> CompanyAfter(HttpResponseMessage response, CapturingLoggerProvider? logs = null) =>
        FinchClients.Connection(new StubFinchHandler(_ => response), logs).GetCompanyAsync(AccessToken);

    [Fact]
    public async Task A_success_reads_the_snake_case_body_and_keeps_the_request_id()
    {
        var stub = new StubFinchHandler(_ => StubFinchHandler.Json(HttpStatusCode.OK, """
            {"id":"co-1","legal_name":"Acme Manufacturing","ein":null,"entity":{"type":"corporation","subtype":null},
             "primary_email":null,"primary_phone_number":"+14155550100","departments":[{"name":"Sales","parent":null},null],
             "locations":null,"accounts":[]}
            """, requestId: "req-company"));

        var result = await FinchClients.Connection(stub).GetCompanyAsync(AccessToken, "entity 1");

        Assert.True(result.IsSuccess);
        Assert.Equal("req-company", result.RequestId);
        Assert.Equal("Acme Manufacturing", result.Value.LegalName);
        Assert.Null(result.Value.Ein);
        Assert.Equal("corporation", result.Value.Entity!.Type);
        Assert.Equal("Sales", result.Value.Departments![0]!.Name);
        Assert.Null(result.Value.Departments[1]);
        var request = stub.Requests.Single().Request;
        Assert.Equal("https://finch.test/employer/company?entity_ids=entity%201", request.RequestUri!.AbsoluteUri);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", Token), request.Headers.Authorization);
    }

    [Fact]
    public async Task Reauthenticate_user_is_its_own_outcome()
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.Unauthorized,
            Error(401, "authentication_error", "reauthenticate_user", "Please reauthenticate user"), "req-reauth"));

        var failure = Assert.IsType<FinchFailure.ReauthenticationRequired>(result.Failure);
        Assert.Equal("req-reauth", failure.RequestId);
        Assert.Equal("req-reauth", result.RequestId);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal("reauthenticate_user", failure.FinchCode);
    }

    [Fact]
    public async Task Account_setup_required_is_its_own_outcome_not_a_revoked_token()
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.Unauthorized,
            Error(401, "authentication_error", "account_setup_required", "The user will need to connect their employment system."), "req-setup"));

        var failure = Assert.IsType<FinchFailure.AccountSetupRequired>(result.Failure);
        Assert.Equal(("req-setup", 401, "account_setup_required"), (failure.RequestId, failure.StatusCode, failure.FinchCode));
    }

    [Fact]
    public async Task A_501_says_the_provider_does_not_support_it()
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.NotImplemented,
            Error(501, "not_implemented_error", null, "Finch does not support this specific endpoint for this specific provider."), "req-501"));

        var failure = Assert.IsType<FinchFailure.NotImplemented>(result.Failure);
        Assert.Equal(("req-501", 501, "not_implemented_error"), (failure.RequestId, failure.StatusCode, failure.Error!.Name));
    }

    [Fact]
    public async Task Any_other_401_is_unauthorized()
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.Unauthorized,
            Error(401, "invalid_token_error", null, "The access_token is incorrect."), "req-revoked"));

        var failure = Assert.IsType<FinchFailure.Unauthorized>(result.Failure);
        Assert.Equal("invalid_token_error", failure.Error!.Name);
        Assert.Equal("req-revoked", failure.RequestId);
    }

    [Theory]
    [InlineData("finch_application_rl", FinchRateLimitScope.Application)]
    [InlineData("finch_api_ip_rl", FinchRateLimitScope.IpAddress)]
    [InlineData("upstream_rate_limit_exceeded", FinchRateLimitScope.Unknown)]
    public async Task A_429_says_which_limit_and_how_long_to_wait(string finchCode, FinchRateLimitScope scope)
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.TooManyRequests,
            Error(429, "rate_limit_exceeded_error", finchCode, "Too many requests for token"), "req-429",
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(42))));

        var failure = Assert.IsType<FinchFailure.RateLimited>(result.Failure);
        Assert.Equal(scope, failure.Scope);
        Assert.Equal(TimeSpan.FromSeconds(42), failure.RetryAfter);
        Assert.Equal("req-429", failure.RequestId);
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_a_wait_from_now_and_never_negative()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        using var later = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        later.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));
        using var past = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(-30));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(30), FinchResilience.RetryAfter(later, new FixedTimeProvider(now)));
        Assert.Equal(TimeSpan.Zero, FinchResilience.RetryAfter(past, new FixedTimeProvider(now)));
        Assert.Null(FinchResilience.RetryAfter(none, new FixedTimeProvider(now)));
    }

    [Theory]
    [InlineData("""{"code":202,"name":"accepted","finch_code":"data_sync_in_progress","message":"later"}""", "data_sync_in_progress")]
    [InlineData("""{"code":202,"name":"authorization_pending","finch_code":"pending","message":"pending"}""", "pending")]
    [InlineData("""{"code":202,"name":"authorization_pending","message":"pending"}""", "authorization_pending")]
    public async Task A_202_is_pending_with_finchs_code(string body, string code)
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.Accepted, body, "req-202"));

        var failure = Assert.IsType<FinchFailure.Pending>(result.Failure);
        Assert.Equal(code, failure.Code);
        Assert.Equal("req-202", failure.RequestId);
    }

    [Fact]
    public async Task Connection_already_exists_is_rejected_with_the_existing_connection_id()
    {
        var stub = new StubFinchHandler(_ => StubFinchHandler.Json(HttpStatusCode.BadRequest,
            Error(400, "bad_request", "connection_already_exists", "There's an existing connection for the customer_id: emp-1.",
                """{"customer_id":"emp-1","connection_id":"conn-7"}"""), "req-400"));

        var result = await FinchClients.Connect(stub).CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = "emp-1", CustomerName = "Acme", Products = ["company"],
        });

        var failure = Assert.IsType<FinchFailure.Rejected>(result.Failure);
        Assert.Equal(400, failure.Status);
        Assert.Equal("conn-7", failure.Error!.ExistingConnectionId);
        Assert.Equal("emp-1", failure.Error.ContextValue("customer_id"));
        Assert.Equal("req-400", failure.RequestId);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Other_4xx_are_rejected_and_carry_finchs_message(HttpStatusCode status)
    {
        var result = await CompanyAfter(StubFinchHandler.Json(status, Error((int)status, "some_error", "some_code", "What went wrong")));

        var failure = Assert.IsType<FinchFailure.Rejected>(result.Failure);
        Assert.Equal((int)status, failure.Status);
        Assert.Equal("What went wrong", failure.Describe());
    }

    [Fact]
    public async Task A_5xx_is_a_server_error_even_without_a_json_body()
    {
        var result = await CompanyAfter(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });

        var failure = Assert.IsType<FinchFailure.ServerError>(result.Failure);
        Assert.Equal(502, failure.Status);
        Assert.Null(failure.Error);
        Assert.Null(failure.RequestId);
    }

    [Fact]
    public async Task An_unreadable_success_body_is_an_unexpected_response()
    {
        var result = await CompanyAfter(StubFinchHandler.Json(HttpStatusCode.OK, """{"id": 5}"""));

        Assert.IsType<FinchFailure.UnexpectedResponse>(result.Failure);
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable()
    {
        var stub = new StubFinchHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (finch.test:443)"));

        var result = await FinchClients.Connection(stub).IntrospectAsync(AccessToken);

        var failure = Assert.IsType<FinchFailure.Unreachable>(result.Failure);
        Assert.Contains("ConnectionError", failure.Describe());
        Assert.Null(result.RequestId);
    }

    [Fact]
    public async Task A_session_request_sends_every_parameter_in_snake_case_and_leaves_out_unset_ones()
    {
        var stub = new StubFinchHandler(_ => StubFinchHandler.Json(HttpStatusCode.OK, """{"session_id":"s1","connect_url":"https://connect/?session=s1"}"""));

        var result = await FinchClients.Connect(stub).CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = "emp-1", CustomerName = "Acme", CustomerEmail = "hr@acme.example", Products = ["company", "directory"],
            RedirectUri = "https://dash.example/finch/callback", Integration = new ConnectIntegration("gusto", "oauth"),
            Sandbox = "finch", Manual = false, MinutesToExpire = 60,
        });
        var partial = await FinchClients.Connect(stub).CreateSessionAsync(new ConnectSessionRequest
        {
            CustomerId = "emp-2", CustomerName = "Globex", Products = ["company"],
        });

        Assert.Equal("s1", result.Value!.SessionId);
        Assert.True(partial.IsSuccess);
        Assert.Equal(
            """{"customer_id":"emp-1","customer_name":"Acme","products":["company","directory"],"customer_email":"hr@acme.example","integration":{"provider":"gusto","auth_method":"oauth"},"manual":false,"minutes_to_expire":60,"redirect_uri":"https://dash.example/finch/callback","sandbox":"finch"}""",
            stub.Requests[0].Body);
        Assert.Equal("""{"customer_id":"emp-2","customer_name":"Globex","products":["company"]}""", stub.Requests[1].Body);
    }

    [Fact]
    public async Task The_code_exchange_sends_the_credentials_in_the_body_and_no_authorization_header()
    {
        var stub = new StubFinchHandler(_ => StubFinchHandler.Json(HttpStatusCode.OK, TokenBody));

        var result = await FinchClients.Connect(stub).ExchangeCodeAsync("code-123", "https://dash.example/cb");

        Assert.True(result.IsSuccess);
        Assert.Equal(Token, result.Value.AccessToken.Reveal());
        var (request, body) = stub.Requests.Single();
        Assert.Null(request.Headers.Authorization);
        Assert.Equal(
            $$"""{"client_id":"{{FinchClients.ClientId}}","client_secret":"{{FinchClients.ClientSecret}}","code":"code-123","redirect_uri":"https://dash.example/cb"}""",
            body);
    }

    private const string TokenBody = $$"""
        {"access_token":"{{Token}}","token_type":"bearer","connection_id":"conn-1","customer_id":"emp-1","customer_name":"Acme",
         "account_id":"acc-1","company_id":"co-1","provider_id":"gusto","products":["company"],"connection_type":"provider",
         "client_type":"sandbox","entity_ids":["ent-1"]}
        """;

    [Fact]
    public async Task Neither_logs_nor_results_nor_errors_ever_show_the_token_the_code_or_the_client_secret()
    {
        var logs = new CapturingLoggerProvider();
        const string code = "auth-code-never-logged";
        var connect = FinchClients.Connect(new StubFinchHandler(_ => StubFinchHandler.Json(HttpStatusCode.OK, TokenBody, "req-token")), logs);
        var exchanged = await connect.ExchangeCodeAsync(code, null);
        var failing = FinchClients.Connect(new StubFinchHandler(_ => StubFinchHandler.Json(HttpStatusCode.BadRequest,
            Error(400, "invalid_grant_error", null, "The authorization code is invalid."), "req-grant")), logs);
        var refused = await failing.ExchangeCodeAsync(code, null);
        var connection = FinchClients.Connection(new StubFinchHandler(
            _ => StubFinchHandler.Json(HttpStatusCode.Unauthorized, Error(401, "authentication_error", "reauthenticate_user", "Please reauthenticate user"), "req-401"),
            _ => StubFinchHandler.Json(HttpStatusCode.InternalServerError, Error(500, "server_error", null, "Internal server error"), "req-500")), logs, resilient: true);
        var reauth = await connection.IntrospectAsync(exchanged.Value!.AccessToken);
        var broken = await connection.GetCompanyAsync(exchanged.Value.AccessToken);

        Assert.Contains(logs.Lines, l => l.Contains("req-token"));
        Assert.Contains(logs.Lines, l => l.Contains("req-401") && l.Contains("ReauthenticationRequired"));
        Assert.Contains(logs.Lines, l => l.Contains("req-500") && l.Contains("retrying"));
        var texts = logs.Lines.Concat([exchanged.ToString(), exchanged.Value.ToString(), exchanged.Value.AccessToken.ToString(),
            refused.ToString(), reauth.ToString(), broken.ToString()]);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(Token, text);
            Assert.DoesNotContain(code, text);
            Assert.DoesNotContain(FinchClients.ClientSecret, text);
        }
        Assert.Contains("redacted", exchanged.Value.ToString());
        Assert.Throws<NotSupportedException>(() => System.Text.Json.JsonSerializer.Serialize(exchanged.Value, FinchJson.Options));
    }
}
