using System.Net;
using FinchDashboard.Dashboard.Finch;
using Polly.CircuitBreaker;

namespace FinchDashboard.Unit.Finch;

/// <summary>
/// The circuit breaker per Finch endpoint group: repeated failures of one group pause that group only, the pause
/// refuses calls without reaching Finch, and a good trial call after the break closes it again.
/// </summary>
public class FinchCircuitTests
{
    private static readonly FinchAccessToken Token = new("tok_circuit_tests");
    private const string Company = """{"id":"co-1","legal_name":"Acme"}""";
    private const string Introspection = """{"connection_id":"c-1","client_id":"id","products":[],"connection_status":{"status":"connected"}}""";

    private static FinchOptions Options() => FinchClients.Options(o =>
    {
        // One attempt per call, so each call is one sample of the breaker.
        o.MaxRetryAttempts = 0;
        o.CircuitMinimumThroughput = 2;
        o.CircuitFailureRatio = 0.5;
        o.CircuitSamplingDuration = TimeSpan.FromSeconds(30);
        o.CircuitBreakDuration = TimeSpan.FromMilliseconds(500);
    });

    private static HttpResponseMessage Status(HttpStatusCode status) =>
        StubFinchHandler.Json(status, $$"""{"code":{{(int)status}},"name":"error","message":"m"}""", $"req-{(int)status}");

    /// <summary>Employer data fails with <paramref name="failure"/> until <paramref name="healthy"/> says otherwise; /introspect always answers.</summary>
    private static StubFinchHandler Finch(HttpStatusCode failure, Func<bool>? healthy = null) => new(request =>
        FinchEndpointGroup.Of(request, null) == FinchEndpointGroup.Introspect
            ? StubFinchHandler.Json(HttpStatusCode.OK, Introspection)
            : healthy?.Invoke() == true ? StubFinchHandler.Json(HttpStatusCode.OK, Company) : Status(failure));

    private static FinchCircuit Circuit(FinchCircuits circuits, string group) => circuits.Snapshot().Single(c => c.EndpointGroup == group);

    [Fact]
    public async Task Repeated_server_errors_pause_their_endpoint_group_without_calling_finch_and_leave_the_others_alone()
    {
        var circuits = new FinchCircuits(TimeProvider.System);
        var stub = Finch(HttpStatusCode.ServiceUnavailable);
        var finch = FinchClients.Connection(stub, resilient: true, options: Options(), circuits: circuits);

        Assert.IsType<FinchFailure.ServerError>((await finch.GetCompanyAsync(Token)).Failure);
        Assert.IsType<FinchFailure.ServerError>((await finch.GetCompanyAsync(Token)).Failure);
        var callsWhenOpened = stub.Calls;
        var refused = await finch.GetCompanyAsync(Token);

        var paused = Assert.IsType<FinchFailure.Unreachable>(refused.Failure);
        Assert.Contains("employer calls are paused", paused.Describe());
        Assert.Equal(callsWhenOpened, stub.Calls);
        Assert.Equal(CircuitState.Open, Circuit(circuits, FinchEndpointGroup.Employer).State);
        Assert.NotNull(Circuit(circuits, FinchEndpointGroup.Employer).OpenedAt);
        Assert.Equal(1, circuits.OpenCount);

        Assert.True((await finch.IntrospectAsync(Token)).IsSuccess);
        Assert.Equal(CircuitState.Closed, Circuit(circuits, FinchEndpointGroup.Introspect).State);
    }

    [Fact]
    public async Task After_the_break_a_good_trial_call_closes_the_circuit()
    {
        var circuits = new FinchCircuits(TimeProvider.System);
        var healthy = false;
        var stub = Finch(HttpStatusCode.InternalServerError, () => healthy);
        var finch = FinchClients.Connection(stub, resilient: true, options: Options(), circuits: circuits);
        await finch.GetCompanyAsync(Token);
        await finch.GetCompanyAsync(Token);
        Assert.Equal(CircuitState.Open, Circuit(circuits, FinchEndpointGroup.Employer).State);

        healthy = true;
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var trial = await finch.GetCompanyAsync(Token);

        Assert.True(trial.IsSuccess, trial.Failure?.Describe());
        Assert.Equal(CircuitState.Closed, Circuit(circuits, FinchEndpointGroup.Employer).State);
        Assert.Null(Circuit(circuits, FinchEndpointGroup.Employer).OpenedAt);
        Assert.Equal(0, circuits.OpenCount);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task Answers_that_say_nothing_about_finchs_health_never_open_a_circuit(HttpStatusCode status)
    {
        var circuits = new FinchCircuits(TimeProvider.System);
        var stub = Finch(status);
        var finch = FinchClients.Connection(stub, resilient: true, options: Options(), circuits: circuits);

        for (var call = 0; call < 6; call++)
        {
            await finch.GetCompanyAsync(Token);
        }

        Assert.Equal(6, stub.Calls);
        Assert.Equal(CircuitState.Closed, Circuit(circuits, FinchEndpointGroup.Employer).State);
    }

    [Theory]
    [InlineData("https://api.tryfinch.com/employer/company", FinchEndpointGroup.Employer)]
    [InlineData("https://api.tryfinch.com/employer/pay-statement?limit=5", FinchEndpointGroup.Employer)]
    [InlineData("https://api.tryfinch.com/disconnect-entity", FinchEndpointGroup.Disconnect)]
    [InlineData("https://api.tryfinch.com/disconnect", FinchEndpointGroup.Disconnect)]
    [InlineData("https://api.tryfinch.com/connect/sessions/reauthenticate", FinchEndpointGroup.Connect)]
    [InlineData("https://api.tryfinch.com/jobs/automated/job-1", FinchEndpointGroup.Jobs)]
    [InlineData("https://api.tryfinch.com/introspect", FinchEndpointGroup.Introspect)]
    [InlineData("https://api.tryfinch.com/auth/token", FinchEndpointGroup.Auth)]
    [InlineData("https://api.tryfinch.com/something-new", FinchEndpointGroup.Other)]
    public void Requests_are_grouped_by_the_first_segment_of_their_path(string url, string group)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        Assert.Equal(group, FinchEndpointGroup.Of(request, new Uri("https://api.tryfinch.com/")));
    }

    [Fact]
    public void A_base_url_with_a_path_is_not_taken_for_the_group()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://proxy.test/finch/employer/directory");

        Assert.Equal(FinchEndpointGroup.Employer, FinchEndpointGroup.Of(request, new Uri("https://proxy.test/finch/")));
    }
}
