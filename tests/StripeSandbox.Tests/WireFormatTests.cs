using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

public class WireFormatTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    /// <summary>Every field of Account in stripe-node's types/FinancialConnections/Accounts.d.ts (status_details is optional there and absent here).</summary>
    private static readonly string[] AccountFields =
    [
        "id", "object", "account_holder", "account_numbers", "balance", "balance_refresh", "category", "created", "display_name",
        "institution_name", "last4", "livemode", "ownership", "ownership_refresh", "permissions", "status", "subcategory",
        "subscriptions", "supported_payment_method_types", "transaction_refresh",
    ];

    [Fact]
    public async Task Accounts_carry_every_field_of_stripes_account_object()
    {
        var customer = await _api.CreateCustomerAsync();

        var account = await _api.CreateAccountAsync(customer, ("institution_name", "PNC Bank"), ("display_name", "Payroll funding"),
            ("last4", "6789"), ("category", "cash"), ("subcategory", "savings"));

        Assert.Equal(HttpStatusCode.OK, account.Status);
        var json = account.Json;
        Assert.Equal(AccountFields.Order(), json.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("fca_", account.Id);
        Assert.Equal("financial_connections.account", json.GetProperty("object").GetString());
        Assert.Equal(customer, json.GetProperty("account_holder").GetProperty("customer").GetString());
        Assert.Equal("customer", json.GetProperty("account_holder").GetProperty("type").GetString());
        Assert.Equal("PNC Bank", json.GetProperty("institution_name").GetString());
        Assert.Equal("Payroll funding", json.GetProperty("display_name").GetString());
        Assert.Equal("6789", json.GetProperty("last4").GetString());
        Assert.Equal("savings", json.GetProperty("subcategory").GetString());
        Assert.Equal("active", json.GetProperty("status").GetString());
        Assert.False(json.GetProperty("livemode").GetBoolean());
        Assert.Equal(["link", "us_bank_account"], json.GetProperty("supported_payment_method_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("balance_refresh").ValueKind);
        Assert.InRange(json.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id_errors_and_pages_included()
    {
        var ok = await _api.GetAsync("/v1/customers");
        var missing = await _api.GetAsync("/v1/customers/cus_missing");
        using var page = await _api.Browser.GetAsync("/link-accounts?client_secret=nope");

        Assert.StartsWith("req_", ok.RequestId);
        Assert.StartsWith("req_", missing.RequestId);
        Assert.StartsWith("req_", page.Headers.GetValues("Request-Id").Single());
        Assert.NotEqual(ok.RequestId, missing.RequestId);
        Assert.Equal(StripeSandboxFactory.ApiVersion, ok.Headers.GetValues("Stripe-Version").Single());
    }

    [Fact]
    public async Task The_secret_key_is_accepted_as_bearer_token_or_basic_user()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(StripeSandboxFactory.SecretKey + ":")));

        using var basic = await client.GetAsync("/v1/customers");

        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/v1/customers")).Status);
    }

    [Fact]
    public async Task A_missing_or_wrong_key_is_refused_with_401_and_the_key_redacted()
    {
        using var client = factory.CreateClient();
        using var missing = await client.GetAsync("/v1/customers");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_wrongwrongwrong1234");
        using var wrong = await client.GetAsync("/v1/financial_connections/accounts/fca_x");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var error = System.Text.Json.JsonDocument.Parse(await wrong.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("Invalid API Key provided: sk_test_***************1234", error.GetProperty("message").GetString());
        Assert.Contains("did not provide an API key", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Customers_are_created_listed_and_retrieved_as_stripe_customer_objects()
    {
        var created = await _api.PostAsync("/v1/customers", ("name", "Globex"), ("email", "globex@example.test"), ("metadata[employer_id]", "42"));
        var fetched = await _api.GetAsync($"/v1/customers/{created.Id}");
        var listed = await _api.GetAsync("/v1/customers", ("email", "globex@example.test"));

        Assert.StartsWith("cus_", created.Id);
        Assert.Equal("customer", fetched.Json.GetProperty("object").GetString());
        Assert.Equal("Globex", fetched.Json.GetProperty("name").GetString());
        Assert.Equal("42", fetched.Json.GetProperty("metadata").GetProperty("employer_id").GetString());
        Assert.False(fetched.Json.GetProperty("livemode").GetBoolean());
        Assert.Equal(created.Id, Assert.Single(listed.Json.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Expand_replaces_the_customer_id_with_the_customer_in_objects_and_lists()
    {
        var customer = await _api.CreateCustomerAsync("Initech");
        var account = await _api.CreateAccountAsync(customer);

        var one = await _api.GetAsync($"/v1/financial_connections/accounts/{account.Id}", ("expand[]", "account_holder.customer"));
        var list = await _api.GetAsync("/v1/financial_connections/accounts",
            ("account_holder[customer]", customer), ("expand[0]", "data.account_holder.customer"));
        var unknown = await _api.GetAsync($"/v1/financial_connections/accounts/{account.Id}", ("expand[]", "institution_name"));

        Assert.Equal("Initech", one.Json.GetProperty("account_holder").GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("Initech", list.Json.GetProperty("data")[0].GetProperty("account_holder").GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("expand", unknown.Error.GetProperty("param").GetString());
    }
}
