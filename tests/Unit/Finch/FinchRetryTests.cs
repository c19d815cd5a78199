using System.Net;
using System.Net.Http.Headers;
using FinchDashboard.Dashboard.Finch;

namespace FinchDashboard.Unit.Finch;

/// <summary>The retry pipeline, with millisecond delays: what is retried, how often, and what is not.</summary>
public class FinchRetryTests
{
    private static readonly FinchAccessToken Token = new("tok_retry_tests");
    private const string Company = """{"id":"co-1","legal_name":"Acme"}""";

    private static HttpResponseMessage Ok() => StubFinchHandler.Json(HttpStatusCode.OK, Company, "req-ok");

    private static HttpResponseMessage Status(HttpStatusCode status, string? finchCode = null, TimeSpan? retryAfter = null) =>
        StubFinchHandler.Json(status, $$"""{"code":{{(int)status}},"name":"error","finch_code":"{{finchCode}}","message":"m"}""", $"req-{(int)status}",
            r => r.Headers.RetryAfter = retryAfter is { } wait ? new RetryConditionHeaderValue(wait) : null);

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Transient_answers_are_retried_until_one_succeeds(HttpStatusCode status)
    {
        var stub = new StubFinchHandler(_ => Status(status), _ => Status(status), _ => Ok());

        var result = await FinchClients.Connection(stub, resilient: true).GetCompanyAsync(Token);

        Assert.True(result.IsSuccess);
        Assert.Equal("req-ok", result.RequestId);
        Assert.Equal(3, stub.Calls);
    }

    [Fact]
    public async Task Network_failures_are_retried()
    {
        var stub = new StubFinchHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "reset"), _ => Ok());

        var result = await FinchClients.Connection(stub, resilient: true).GetCompanyAsync(Token);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, stub.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task Client_errors_and_what_the_provider_does_not_support_are_never_retried(HttpStatusCode status)
    {
        var stub = new StubFinchHandler(_ => Status(status, "reauthenticate_user"), _ => Ok());

        var result = await FinchClients.Connection(stub, resilient: true).GetCompanyAsync(Token);

        Assert.False(result.IsSuccess);
        Assert.Equal((int)status, result.Failure.StatusCode);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task After_the_last_retry_the_typed_failure_of_the_last_answer_is_returned()
    {
        var stub = new StubFinchHandler(_ => Status(HttpStatusCode.InternalServerError));

        var result = await FinchClients.Connection(stub, resilient: true).GetCompanyAsync(Token);

        Assert.IsType<FinchFailure.ServerError>(result.Failure);
        Assert.Equal("req-500", result.RequestId);
        Assert.Equal(1 + FinchClients.Options().MaxRetryAttempts, stub.Calls);
    }

    [Fact]
    public async Task A_long_retry_after_is_not_waited_out_but_returned_to_the_caller()
    {
        var stub = new StubFinchHandler(_ => Status(HttpStatusCode.TooManyRequests, "finch_application_rl", TimeSpan.FromSeconds(60)), _ => Ok());

        var result = await FinchClients.Connection(stub, resilient: true).GetCompanyAsync(Token);

        var failure = Assert.IsType<FinchFailure.RateLimited>(result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(60), failure.RetryAfter);
        Assert.Equal(FinchRateLimitScope.Application, failure.Scope);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task A_short_retry_after_is_honoured_before_the_next_attempt()
    {
        var times = new List<DateTimeOffset>();
        var stub = new StubFinchHandler(
            _ => { times.Add(DateTimeOffset.UtcNow); return Status(HttpStatusCode.TooManyRequests, "finch_application_rl", TimeSpan.FromSeconds(1)); },
            _ => { times.Add(DateTimeOffset.UtcNow); return Ok(); });

        var result = await FinchClients.Connection(stub, resilient: true).GetCompanyAsync(Token);

        Assert.True(result.IsSuccess);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(900), $"waited only {(times[1] - times[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Server_errors_of_requests_that_may_have_acted_are_not_retried()
    {
        var stub = new StubFinchHandler(_ => Status(HttpStatusCode.InternalServerError), _ => Ok());

        var result = await FinchClients.Connect(stub, resilient: true).ExchangeCodeAsync("single-use-code", null);

        Assert.IsType<FinchFailure.ServerError>(result.Failure);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task A_rate_limited_request_is_retried_whatever_its_method_because_finch_did_not_act()
    {
        var stub = new StubFinchHandler(_ => Status(HttpStatusCode.TooManyRequests, "finch_application_rl", TimeSpan.Zero), _ => StubFinchHandler.Json(HttpStatusCode.OK, """{"status":"success"}"""));

        var result = await FinchClients.Connection(stub, resilient: true).DisconnectAsync(Token);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task Retry_safe_posts_are_retried_after_a_server_error_with_the_same_body()
    {
        var stub = new StubFinchHandler(_ => Status(HttpStatusCode.ServiceUnavailable),
            _ => StubFinchHandler.Json(HttpStatusCode.OK, """{"allowed_refreshes":1,"remaining_refreshes":0,"job_id":"job-1","job_url":"u"}"""));

        var result = await FinchClients.Connection(stub, resilient: true).CreateDataSyncJobAsync(Token);

        Assert.Equal("job-1", result.Value!.JobId);
        Assert.Equal(2, stub.Calls);
        Assert.All(stub.Requests, r => Assert.Equal("""{"type":"data_sync_all"}""", r.Body));
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_the_retry_succeeds()
    {
        var options = FinchClients.Options(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));
        var stub = new SlowHandler(slowCalls: 1);

        var result = await FinchClients.Connection(stub, resilient: true, options: options).GetCompanyAsync(Token);

        Assert.True(result.IsSuccess, result.Failure?.Describe());
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task A_call_that_never_answers_ends_as_timed_out()
    {
        var options = FinchClients.Options(o =>
        {
            // Generous total so a loaded machine still fits several attempts before the overall limit.
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
        });
        var stub = new SlowHandler(slowCalls: int.MaxValue);

        var result = await FinchClients.Connection(stub, resilient: true, options: options).GetCompanyAsync(Token);

        Assert.IsType<FinchFailure.TimedOut>(result.Failure);
        Assert.True(stub.Calls >= 2, $"expected the attempt timeout to trigger retries, got {stub.Calls} call(s)");
    }

    /// <summary>Hangs (until cancelled) for the first <c>slowCalls</c> calls, then answers at once.</summary>
    private sealed class SlowHandler(int slowCalls) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= slowCalls)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
            return Ok();
        }
    }
}
