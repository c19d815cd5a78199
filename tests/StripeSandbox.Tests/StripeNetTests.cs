using System.Net;
using FinchDashboard.StripeSandbox.Tests.Infrastructure;
using Stripe;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.StripeSandbox.Tests;

/// <summary>Stripe's official .NET SDK, unchanged, against the emulator: only its API base points elsewhere.</summary>
public class StripeNetTests(StripeSandboxFactory factory) : IClassFixture<StripeSandboxFactory>
{
    private readonly StripeClient _client = new(
        StripeSandboxFactory.SecretKey,
        httpClient: new SystemNetHttpClient(factory.CreateClient(), maxNetworkRetries: 0),
        apiBase: "http://localhost");

    [Fact]
    public async Task Stripe_net_links_lists_retrieves_and_disconnects_accounts_and_verifies_the_webhook()
    {
        var customer = await new CustomerService(_client).CreateAsync(new CustomerCreateOptions { Name = "Acme Payroll LLC", Email = "ap@acme.test" });
        var raw = await _client.RawRequestAsync(HttpMethod.Post, "/v1/test_helpers/financial_connections/accounts",
            $"customer={customer.Id}&institution_name=PNC%20Bank&last4=4242&category=cash&subcategory=checking");
        var created = _client.Deserialize<FinancialConnections.Account>(raw.Content);
        var session = await new FinancialConnections.SessionService(_client).CreateAsync(new FinancialConnections.SessionCreateOptions
        {
            AccountHolder = new FinancialConnections.SessionAccountHolderOptions { Type = "customer", Customer = customer.Id },
            Permissions = ["payment_method", "balances"],
            Filters = new FinancialConnections.SessionFiltersOptions { Country = "US" },
            ReturnUrl = "https://dashboard.test/return",
        });
        var accounts = new FinancialConnections.AccountService(_client);
        var listed = await accounts.ListAsync(new FinancialConnections.AccountListOptions
        {
            AccountHolder = new FinancialConnections.AccountAccountHolderOptions { Customer = customer.Id },
        });
        var fetched = await accounts.GetAsync(created.Id);
        var disconnected = await accounts.DisconnectAsync(created.Id);
        var refused = await Assert.ThrowsAsync<StripeException>(() =>
            accounts.RefreshAsync(created.Id, new FinancialConnections.AccountRefreshOptions { Features = ["balance"] }));

        Assert.StartsWith("cus_", customer.Id);
        Assert.StartsWith("fcsess_", session.Id);
        Assert.StartsWith("fcsess_client_secret_", session.ClientSecret);
        Assert.Equal(customer.Id, session.AccountHolder.CustomerId);
        Assert.Equal(created.Id, Assert.Single(listed.Data).Id);
        Assert.Equal("PNC Bank", fetched.InstitutionName);
        Assert.Equal("4242", fetched.Last4);
        Assert.False(fetched.Livemode);
        Assert.StartsWith("req_", fetched.StripeResponse.RequestId);
        Assert.Equal("disconnected", disconnected.Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("invalid_request_error", refused.StripeError.Type);

        var webhook = await factory.Webhooks.WaitForAsync("financial_connections.account.disconnected", created.Id);
        var stripeEvent = EventUtility.ConstructEvent(webhook.Body, webhook.Signature, StripeSandboxFactory.WebhookSecret);
        Assert.Equal(EventTypes.FinancialConnectionsAccountDisconnected, stripeEvent.Type);
        Assert.Equal("disconnected", Assert.IsType<FinancialConnections.Account>(stripeEvent.Data.Object).Status);
        Assert.Throws<StripeException>(() => EventUtility.ConstructEvent(webhook.Body, webhook.Signature, "whsec_some_other_secret"));
    }

    [Fact]
    public async Task Stripe_net_reads_stripes_errors()
    {
        var missing = await Assert.ThrowsAsync<StripeException>(() => new FinancialConnections.AccountService(_client).GetAsync("fca_missing"));

        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
        Assert.Equal("resource_missing", missing.StripeError.Code);
        Assert.Equal("No such financial_connections.account: 'fca_missing'", missing.StripeError.Message);
    }
}
