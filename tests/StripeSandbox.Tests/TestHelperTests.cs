using System.Net;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;

namespace FinchDashboard.StripeSandbox.Tests;

/// <summary>The test helpers' explicit ids, with which demo mode makes its objects again after the emulator restarts.</summary>
public class TestHelperTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeApi _api = new(factory);

    private static string NewId(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    [Fact]
    public async Task A_customer_and_an_account_are_made_under_the_ids_given_and_read_back_by_them()
    {
        var customerId = NewId("cus");
        var accountId = NewId("fca");

        var customer = await _api.PostAsync("/v1/test_helpers/customers", ("id", customerId), ("name", "Acme Manufacturing"), ("email", "hr@acme.example"),
            ("metadata[employer]", "acme"));
        var account = await _api.CreateAccountAsync(customerId, ("id", accountId), ("institution_name", "Chase"), ("last4", "2040"), ("status", "inactive"));
        var listed = await _api.GetAsync("/v1/financial_connections/accounts", ("account_holder[customer]", customerId));

        Assert.Equal(HttpStatusCode.OK, customer.Status);
        Assert.Equal(customerId, customer.Id);
        Assert.Equal("hr@acme.example", (await _api.GetAsync($"/v1/customers/{customerId}")).Json.GetProperty("email").GetString());
        Assert.Equal("acme", customer.Json.GetProperty("metadata").GetProperty("employer").GetString());
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal(accountId, account.Id);
        Assert.Equal("inactive", (await _api.GetAsync($"/v1/financial_connections/accounts/{accountId}")).Json.GetProperty("status").GetString());
        Assert.Equal([accountId], listed.Json.GetProperty("data").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(accountId, (await factory.Webhooks.WaitForAsync("financial_connections.account.created", accountId)).ObjectId);
    }

    [Fact]
    public async Task An_id_already_taken_is_refused_and_changes_nothing()
    {
        var customerId = await _api.CreateCustomerAsync("First");
        var account = await _api.CreateAccountAsync(customerId, ("last4", "1000"));

        var secondCustomer = await _api.PostAsync("/v1/test_helpers/customers", ("id", customerId), ("name", "Second"));
        var secondAccount = await _api.CreateAccountAsync(customerId, ("id", account.Id), ("last4", "2000"));

        Assert.Equal(HttpStatusCode.BadRequest, secondCustomer.Status);
        Assert.Equal("resource_already_exists", secondCustomer.Error.GetProperty("code").GetString());
        Assert.Equal("First", (await _api.GetAsync($"/v1/customers/{customerId}")).Json.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, secondAccount.Status);
        Assert.Equal("id", secondAccount.Error.GetProperty("param").GetString());
        Assert.Equal("1000", (await _api.GetAsync($"/v1/financial_connections/accounts/{account.Id}")).Json.GetProperty("last4").GetString());
    }

    [Theory]
    [InlineData("/v1/test_helpers/customers", "fca_wrongPrefix")]
    [InlineData("/v1/test_helpers/customers", "cus_")]
    [InlineData("/v1/test_helpers/financial_connections/accounts", "cus_wrongPrefix")]
    [InlineData("/v1/test_helpers/financial_connections/accounts", "fca_not-letters")]
    public async Task An_id_not_of_stripes_shape_is_refused_naming_the_parameter(string path, string id)
    {
        var customerId = await _api.CreateCustomerAsync();

        var answer = await _api.PostAsync(path, ("id", id), ("customer", customerId));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request_error", answer.Error.GetProperty("type").GetString());
        Assert.Equal("id", answer.Error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task The_customer_helper_requires_an_id()
    {
        var answer = await _api.PostAsync("/v1/test_helpers/customers", ("name", "No id"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("parameter_missing", answer.Error.GetProperty("code").GetString());
    }
}
