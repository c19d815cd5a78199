using System.Text.Json;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class ConnectSessionTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task Creating_a_session_returns_session_id_and_a_connect_url_on_the_emulator()
    {
        var body = await _api.CreateSessionAsync(new
        {
            customer_id = FinchApi.NewCustomerId(),
            customer_name = "Acme",
            customer_email = "ops@acme.example",
            products = new[] { "company", "directory" },
            integration = new { provider = "paychex_flex", auth_method = "credential" },
            manual = false,
            minutes_to_expire = 60,
            redirect_uri = "https://app.example/callback",
            sandbox = "finch",
        });

        var sessionId = body.GetProperty("session_id").GetString();
        Assert.False(string.IsNullOrEmpty(sessionId));
        var connectUrl = new Uri(body.GetProperty("connect_url").GetString()!);
        Assert.Equal("/connect", connectUrl.AbsolutePath);
        Assert.Equal($"?session={sessionId}", connectUrl.Query);
        Assert.Equal(["connect_url", "session_id"], body.EnumerateObject().Select(p => p.Name).Order());
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"customer_name":"A","products":["company"]}""", "customer_id" },
        { """{"customer_id":"a","products":["company"]}""", "customer_name" },
        { """{"customer_id":"a","customer_name":"A"}""", "products" },
        { """{"customer_id":"a","customer_name":"A","products":[]}""", "products" },
        { """{"customer_id":"a","customer_name":"A","products":["company","payroll_magic"]}""", "payroll_magic" },
        { """{"customer_id":"a","customer_name":"A","products":["company"],"integration":{"provider":"nope"}}""", "integration.provider" },
        { """{"customer_id":"a","customer_name":"A","products":["company"],"integration":{"provider":"gusto","auth_method":"credential"}}""", "integration.auth_method" },
        { """{"customer_id":"a","customer_name":"A","products":["company"],"minutes_to_expire":0}""", "minutes_to_expire" },
        { """{"customer_id":"a","customer_name":"A","products":["company"],"redirect_uri":"not a url"}""", "redirect_uri" },
        { """{"customer_id":"a","customer_name":"A","products":["company"],"sandbox":"moon"}""", "sandbox" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_session_requests_answer_400_invalid_request(string json, string mentioned)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/sessions")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = FinchApi.Basic();

        var body = await FinchApi.AssertErrorAsync(await _api.Http.SendAsync(request), 400, "bad_request", "invalid_request");

        Assert.Contains(mentioned, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_second_session_for_a_connected_customer_answers_connection_already_exists()
    {
        var customerId = FinchApi.NewCustomerId();
        var connectionId = await ConnectFlows.ConnectAsync(_api, customerId, "gusto");

        var response = await _api.SendAsync(HttpMethod.Post, "/connect/sessions",
            new { customer_id = customerId, customer_name = "Again", products = new[] { "company" } }, FinchApi.Basic());

        var body = await FinchApi.AssertErrorAsync(response, 400, "bad_request", "connection_already_exists");
        Assert.Equal(connectionId, body.GetProperty("context").GetProperty("connection_id").GetString());
        Assert.Equal(customerId, body.GetProperty("context").GetProperty("customer_id").GetString());
    }

    [Fact]
    public async Task Session_status_goes_created_opened_completed()
    {
        var session = await _api.CreateSessionAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Polled", products = new[] { "company" },
            redirect_uri = "https://app.example/cb",
        });
        var sessionId = session.GetProperty("session_id").GetString();

        Assert.Equal("created", (await StatusAsync(sessionId!)).GetProperty("status").GetString());

        var page = new ConnectPageDriver(_api.Http);
        await page.OpenAsync(session.GetProperty("connect_url").GetString()!, "s1");
        Assert.Equal("opened", (await StatusAsync(sessionId!)).GetProperty("status").GetString());

        await page.SubmitAsync(("decision", "allow"));
        await page.SubmitAsync(("provider_id", "gusto"));
        await page.SubmitAsync();
        Assert.NotNull(page.LeftTo);

        var completed = await StatusAsync(sessionId!);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("connect", completed.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, completed.GetProperty("connection_id").ValueKind);
        Assert.Equal(JsonValueKind.String, completed.GetProperty("completed_at").ValueKind);
    }

    [Fact]
    public async Task Expired_sessions_report_expired_and_the_page_says_so()
    {
        var session = await _api.CreateSessionAsync(new
        {
            customer_id = FinchApi.NewCustomerId(), customer_name = "Late", products = new[] { "company" }, minutes_to_expire = 5,
        });
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        try
        {
            Assert.Equal("expired", (await StatusAsync(session.GetProperty("session_id").GetString()!)).GetProperty("status").GetString());
            var page = new ConnectPageDriver(_api.Http);
            await page.OpenAsync(session.GetProperty("connect_url").GetString()!, null);
            Assert.Equal(System.Net.HttpStatusCode.Gone, page.Status);
            Assert.Contains("expired", page.Html);
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(-6));
        }
    }

    [Fact]
    public async Task Session_status_needs_client_credentials_and_a_known_id()
    {
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Get, "/connect/sessions/abc"), 401, "invalid_client_error", null);
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Get, "/connect/sessions/abc", auth: FinchApi.Basic()),
            404, "not_found_error", "item_not_found");
    }

    [Fact]
    public async Task Reauthentication_requires_an_existing_live_connection()
    {
        await FinchApi.AssertErrorAsync(
            await _api.SendAsync(HttpMethod.Post, "/connect/sessions/reauthenticate", new { }, FinchApi.Basic()), 400, "bad_request", "invalid_request");
        await FinchApi.AssertErrorAsync(
            await _api.SendAsync(HttpMethod.Post, "/connect/sessions/reauthenticate", new { connection_id = Guid.NewGuid() }, FinchApi.Basic()),
            404, "not_found_error", "item_not_found");

        var connection = await _api.CreateSandboxConnectionAsync();
        var token = connection.GetProperty("access_token").GetString()!;
        await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Post, "/disconnect", auth: FinchApi.Bearer(token)));

        var response = await _api.SendAsync(HttpMethod.Post, "/connect/sessions/reauthenticate",
            new { connection_id = connection.GetProperty("connection_id").GetString() }, FinchApi.Basic());
        await FinchApi.AssertErrorAsync(response, 400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task Reauthentication_session_returns_session_id_and_connect_url()
    {
        var connection = await _api.CreateSandboxConnectionAsync();

        var body = await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Post, "/connect/sessions/reauthenticate",
            new { connection_id = connection.GetProperty("connection_id").GetString(), products = new[] { "company", "payment" }, minutes_to_expire = 30, redirect_uri = "https://app.example/cb" },
            FinchApi.Basic()));

        Assert.Contains("/connect?session=", body.GetProperty("connect_url").GetString());
        var status = await StatusAsync(body.GetProperty("session_id").GetString()!);
        Assert.Equal("reauthenticate", status.GetProperty("type").GetString());
        Assert.Equal(connection.GetProperty("connection_id").GetString(), status.GetProperty("connection_id").GetString());
    }

    private async Task<JsonElement> StatusAsync(string sessionId) =>
        await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Get, $"/connect/sessions/{sessionId}", auth: FinchApi.Basic()));
}
