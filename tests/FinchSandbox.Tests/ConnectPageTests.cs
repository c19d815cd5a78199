using System.Net;
using System.Text.Json;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class ConnectPageTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    private async Task<ConnectPageDriver> OpenAsync(object session, string? state = "xyz-123")
    {
        var created = await _api.CreateSessionAsync(session);
        var page = new ConnectPageDriver(_api.Http);
        await page.OpenAsync(created.GetProperty("connect_url").GetString()!, state);
        return page;
    }

    [Fact]
    public async Task Full_flow_with_a_multi_entity_provider_redirects_with_code_and_state_and_the_code_exchanges_once()
    {
        var customerId = FinchApi.NewCustomerId();
        var page = await OpenAsync(new
        {
            customer_id = customerId, customer_name = "Multi Corp", customer_email = "hr@multi.example",
            products = new[] { "company", "directory", "payment" }, redirect_uri = ConnectFlows.RedirectUri,
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Multi Corp", page.Html);
        Assert.Contains("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>", page.Html);

        await page.SubmitAsync(("decision", "allow"));
        Assert.Contains("Select your provider", page.Html);
        Assert.Contains("<label for=\"provider-paychex_flex\">Paychex Flex</label>", page.Html);
        Assert.DoesNotContain("provider-trinet", page.Html); // assisted-only providers need manual=true

        await page.SubmitAsync(("provider_id", "paychex_flex"));
        Assert.Contains("<label for=\"password\">Password</label>", page.Html);

        await page.SubmitAsync(("username", "payroll-admin"), ("password", "secret"));
        var entities = page.OptionValues("entity");
        Assert.Equal(3, entities.Count);

        await page.SubmitAsync(("entity", entities[0]), ("entity", entities[2]));
        Assert.NotNull(page.LeftTo);
        Assert.StartsWith(ConnectFlows.RedirectUri, page.LeftTo!.GetLeftPart(UriPartial.Path));
        Assert.Equal("xyz-123", page.RedirectQuery["state"]);
        var code = page.RedirectQuery["code"];

        var token = await ConnectFlows.ExchangeAsync(_api, code);
        Assert.Equal(
            ["access_token", "account_id", "client_type", "company_id", "connection_id", "connection_type", "customer_id", "customer_name", "entity_ids", "products", "provider_id", "token_type"],
            token.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("paychex_flex", token.GetProperty("provider_id").GetString());
        Assert.Equal(customerId, token.GetProperty("customer_id").GetString());
        Assert.Equal("provider", token.GetProperty("connection_type").GetString());
        Assert.Equal("sandbox", token.GetProperty("client_type").GetString());
        Assert.Equal(2, token.GetProperty("entity_ids").GetArrayLength());
        Assert.Equal(["company", "directory", "payment"], token.GetProperty("products").EnumerateArray().Select(p => p.GetString()));

        var introspection = await _api.IntrospectAsync(token.GetProperty("access_token").GetString()!);
        Assert.Equal("payroll-admin", introspection.GetProperty("username").GetString());
        Assert.Equal("hr@multi.example", introspection.GetProperty("customer_email").GetString());

        var reused = await _api.SendAsync(HttpMethod.Post, "/auth/token",
            new { client_id = SandboxFactory.ClientId, client_secret = SandboxFactory.ClientSecret, code, redirect_uri = ConnectFlows.RedirectUri });
        await FinchApi.AssertErrorAsync(reused, 400, "invalid_grant_error", null);
    }

    [Fact]
    public async Task Code_exchange_rejects_a_different_redirect_uri()
    {
        var page = await OpenAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Strict", products = new[] { "company" },
            integration = new { provider = "gusto" }, redirect_uri = ConnectFlows.RedirectUri,
        });
        await page.SubmitAsync(("decision", "allow"));
        await page.SubmitAsync();

        var response = await _api.SendAsync(HttpMethod.Post, "/auth/token", new
        {
            client_id = SandboxFactory.ClientId, client_secret = SandboxFactory.ClientSecret, code = page.RedirectQuery["code"],
            redirect_uri = "https://evil.example/cb",
        });

        await FinchApi.AssertErrorAsync(response, 400, "invalid_grant_error", null);
    }

    [Fact]
    public async Task Declining_redirects_with_error_and_state()
    {
        var page = await OpenAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Nope", products = new[] { "company" }, redirect_uri = ConnectFlows.RedirectUri,
        }, state: "keep-me");

        await page.SubmitAsync(("decision", "decline"));

        Assert.Equal("access_denied", page.RedirectQuery["error"]);
        Assert.False(string.IsNullOrEmpty(page.RedirectQuery["error_description"]));
        Assert.Equal("keep-me", page.RedirectQuery["state"]);
        Assert.False(page.RedirectQuery.ContainsKey("code"));
    }

    [Fact]
    public async Task A_preselected_provider_skips_the_provider_step()
    {
        var page = await OpenAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Direct", products = new[] { "company" },
            integration = new { provider = "bamboo_hr", auth_method = "api_token" }, redirect_uri = ConnectFlows.RedirectUri,
        });

        await page.SubmitAsync(("decision", "allow"));

        Assert.Contains("Sign in to BambooHR", page.Html);
        Assert.Contains("<label for=\"api_token\">API token</label>", page.Html);
    }

    [Fact]
    public async Task Missing_login_fields_rerender_the_form_with_an_alert()
    {
        var page = await OpenAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Forgetful", products = new[] { "company" },
            integration = new { provider = "justworks" }, redirect_uri = ConnectFlows.RedirectUri,
        });
        await page.SubmitAsync(("decision", "allow"));

        await page.SubmitAsync(("username", "someone"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("role=\"alert\"", page.Html);
        Assert.Null(page.LeftTo);
    }

    [Fact]
    public async Task Without_redirect_uri_the_code_is_shown_and_a_used_link_cannot_be_reopened()
    {
        var created = await _api.CreateSessionAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Embedded", products = new[] { "company" }, integration = new { provider = "rippling" },
        });
        var page = new ConnectPageDriver(_api.Http);
        await page.OpenAsync(created.GetProperty("connect_url").GetString()!, null);
        await page.SubmitAsync(("decision", "allow"));
        await page.SubmitAsync();

        Assert.Contains("<output id=\"code\">", page.Html);

        var again = new ConnectPageDriver(_api.Http);
        await again.OpenAsync(created.GetProperty("connect_url").GetString()!, null);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task Assisted_providers_are_offered_with_manual_and_their_connection_answers_202()
    {
        var page = await OpenAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Assisted Co", products = new[] { "company" }, manual = true,
            redirect_uri = ConnectFlows.RedirectUri,
        });
        await page.SubmitAsync(("decision", "allow"));
        Assert.Contains("provider-trinet", page.Html);
        await page.SubmitAsync(("provider_id", "trinet"));
        await page.SubmitAsync(("admin_added", "yes"));

        var token = await ConnectFlows.ExchangeAsync(_api, page.RedirectQuery["code"]);
        var accessToken = token.GetProperty("access_token").GetString()!;

        var introspection = await _api.IntrospectAsync(accessToken);
        Assert.True(introspection.GetProperty("manual").GetBoolean());
        Assert.Equal("pending", introspection.GetProperty("connection_status").GetProperty("status").GetString());
        var company = await _api.GetAsync("/employer/company", accessToken);
        await FinchApi.AssertErrorAsync(company, 202, "authorization_pending", "pending");
    }

    [Fact]
    public async Task Reauthentication_keeps_the_connection_id_and_can_add_a_disconnected_entity_back()
    {
        var first = await ConnectFlows.ConnectAndExchangeAsync(_api, FinchApi.NewCustomerId(), "adp_run");
        var token = first.GetProperty("access_token").GetString()!;
        var connectionId = first.GetProperty("connection_id").GetString()!;
        var entityIds = first.GetProperty("entity_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, entityIds.Count);

        await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Post, "/disconnect-entity", new { entity_ids = new[] { entityIds[1] } }, FinchApi.Bearer(token)));
        await _api.SetStatusAsync(token, "reauth");

        var session = await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Post, "/connect/sessions/reauthenticate",
            new { connection_id = connectionId, redirect_uri = ConnectFlows.RedirectUri }, FinchApi.Basic()));
        var page = new ConnectPageDriver(_api.Http);
        await page.OpenAsync(session.GetProperty("connect_url").GetString()!, "again");
        Assert.Contains("Reconnect", page.Html);
        await page.SubmitAsync(("decision", "allow"));
        Assert.Contains("Sign in to ADP Run", page.Html); // provider fixed by the connection
        await page.SubmitAsync(("username", "admin"), ("password", "pw"));
        Assert.Contains("(disconnected)", page.Html);
        Assert.Contains("checked disabled", page.Html);
        await page.SubmitAsync(("entity", entityIds[1]));

        var renewed = await ConnectFlows.ExchangeAsync(_api, page.RedirectQuery["code"]);
        Assert.Equal(connectionId, renewed.GetProperty("connection_id").GetString());
        Assert.Equal(entityIds.Order(), renewed.GetProperty("entity_ids").EnumerateArray().Select(e => e.GetString()!).Order());

        var introspection = await _api.IntrospectAsync(renewed.GetProperty("access_token").GetString()!);
        Assert.Equal("connected", introspection.GetProperty("connection_status").GetProperty("status").GetString());
        Assert.All(introspection.GetProperty("entities").EnumerateArray(), e => Assert.Equal("connected", e.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Object, (await FinchApi.JsonAsync(await _api.GetAsync("/employer/company", token))).ValueKind);
    }
}
