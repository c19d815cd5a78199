using System.Net;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class ErrorTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    [Theory]
    [InlineData("/v1/customers/cus_nope", "No such customer: 'cus_nope'")]
    [InlineData("/v1/financial_connections/accounts/fca_nope", "No such financial_connections.account: 'fca_nope'")]
    [InlineData("/v1/financial_connections/sessions/fcsess_nope", "No such financial_connections.session: 'fcsess_nope'")]
    public async Task An_unknown_object_is_404_resource_missing(string path, string message)
    {
        var response = await _api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        var error = response.Error;
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("resource_missing", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.True(error.TryGetProperty("param", out _));
    }

    [Fact]
    public async Task A_missing_required_parameter_is_400_parameter_missing_naming_it()
    {
        var customer = await _api.CreateCustomerAsync();

        var response = await _api.PostAsync("/v1/financial_connections/sessions",
            ("account_holder[type]", "customer"), ("account_holder[customer]", customer));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("parameter_missing", response.Error.GetProperty("code").GetString());
        Assert.Equal("permissions", response.Error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_value_outside_the_allowed_set_is_400_naming_the_indexed_parameter()
    {
        var customer = await _api.CreateCustomerAsync();

        var response = await _api.PostAsync("/v1/financial_connections/sessions",
            ("account_holder[type]", "customer"), ("account_holder[customer]", customer),
            ("permissions[]", "balances"), ("permissions[]", "everything"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request_error", response.Error.GetProperty("type").GetString());
        Assert.Equal("permissions[1]", response.Error.GetProperty("param").GetString());
        Assert.Contains("must be one of balances, ownership, payment_method, or transactions", response.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_parameter_naming_a_missing_customer_is_400_resource_missing()
    {
        var response = await _api.CreateSessionAsync("cus_ghost");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("resource_missing", response.Error.GetProperty("code").GetString());
        Assert.Equal("account_holder[customer]", response.Error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task An_unknown_url_is_404_unrecognized()
    {
        var response = await _api.GetAsync("/v1/charges_of_the_light_brigade");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.StartsWith("Unrecognized request URL (GET: /v1/charges_of_the_light_brigade)", response.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Injected_faults_answer_stripes_429_and_500_then_stop()
    {
        var added = await _api.PostAsync("/_sandbox/faults", ("kind", "rate_limit"), ("path_prefix", "/v1/customers"));
        var limited = await _api.GetAsync("/v1/customers");
        await _api.PostAsync("/_sandbox/faults", ("kind", "api_error"), ("path_prefix", "/v1/customers"));
        var failed = await _api.GetAsync("/v1/customers");
        var fine = await _api.GetAsync("/v1/customers");

        // Seen once in CI as a 500, under load; the answer's body says what the emulator met if it comes again.
        Assert.True(added.Status == HttpStatusCode.Created, $"Adding the fault answered {(int)added.Status}: {added.Json}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("rate_limit", limited.Error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("api_error", failed.Error.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, fine.Status);
    }
}
