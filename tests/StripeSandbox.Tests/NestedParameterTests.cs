using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class NestedParameterTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    private static StripeParameters Parse(params (string Key, string Value)[] pairs) =>
        StripeParameters.Parse(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Brackets_nest_objects_and_build_arrays_pushed_or_indexed()
    {
        var parameters = Parse(
            ("account_holder[type]", "customer"), ("account_holder[customer]", "cus_1"),
            ("permissions[]", "balances"), ("permissions[]", "ownership"),
            ("features[0]", "balance"), ("features[1]", "transactions"),
            ("filters[countries][]", "US"),
            ("items[0][price]", "p_1"), ("items[0][quantity]", "2"), ("items[1][price]", "p_2"));

        Assert.Equal("customer", parameters.String("account_holder[type]"));
        Assert.Equal("cus_1", parameters.String("account_holder[customer]"));
        Assert.Equal(["balances", "ownership"], parameters.Strings("permissions"));
        Assert.Equal(["balance", "transactions"], parameters.Strings("features"));
        Assert.Equal(["US"], parameters.Strings("filters[countries]"));
        Assert.Equal("""{"account_holder":{"type":"customer","customer":"cus_1"},"permissions":["balances","ownership"],"features":["balance","transactions"],"filters":{"countries":["US"]},"items":[{"price":"p_1","quantity":"2"},{"price":"p_2"}]}""",
            parameters.Fingerprint);
    }

    [Theory]
    [InlineData("account_holder", "account_holder[type]")]
    [InlineData("permissions[0]", "permissions[type]")]
    [InlineData("permissions[]", "permissions[99999999999]")]
    [InlineData("filters", "filters[countries")]
    public async Task Parameters_that_do_not_nest_are_400_naming_the_parameter(string first, string second)
    {
        var response = await _api.PostAsync("/v1/customers", (first, "x"), (second, "y"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request_error", response.Error.GetProperty("type").GetString());
        Assert.Equal(second, response.Error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Sessions_read_nested_account_holder_permissions_and_filters_from_the_form()
    {
        var customer = await _api.CreateCustomerAsync();

        var session = await _api.PostAsync("/v1/financial_connections/sessions",
            ("account_holder[type]", "customer"), ("account_holder[customer]", customer),
            ("permissions[0]", "balances"), ("permissions[1]", "ownership"), ("permissions[2]", "payment_method"),
            ("filters[countries][]", "US"), ("filters[account_subcategories][]", "checking"),
            ("prefetch[]", "balances"), ("return_url", "https://dashboard.test/back"));

        var json = session.Json;
        Assert.StartsWith("fcsess_", session.Id);
        Assert.Equal("financial_connections.session", json.GetProperty("object").GetString());
        Assert.Equal(customer, json.GetProperty("account_holder").GetProperty("customer").GetString());
        Assert.Equal(["balances", "ownership", "payment_method"], json.GetProperty("permissions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("US", json.GetProperty("filters").GetProperty("country").GetString());
        Assert.Equal(["checking"], json.GetProperty("filters").GetProperty("account_subcategories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["balances"], json.GetProperty("prefetch").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://dashboard.test/back", json.GetProperty("return_url").GetString());
        Assert.StartsWith("fcsess_client_secret_", json.GetProperty("client_secret").GetString());
        Assert.Equal("list", json.GetProperty("accounts").GetProperty("object").GetString());
        Assert.StartsWith("http://localhost/link-accounts?client_secret=", json.GetProperty("hosted_auth_url").GetString());
    }

    [Fact]
    public async Task Get_parameters_come_from_the_query_string_with_the_same_syntax()
    {
        var customer = await _api.CreateCustomerAsync();
        var other = await _api.CreateCustomerAsync();
        var mine = await _api.CreateAccountAsync(customer);
        await _api.CreateAccountAsync(other);

        var listed = await _api.GetAsync("/v1/financial_connections/accounts", ("account_holder[customer]", customer));

        Assert.Equal(mine.Id, Assert.Single(listed.Json.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }
}
