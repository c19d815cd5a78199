using System.Net;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinchDashboard.Integration.Web;

/// <summary>
/// Behind a TLS proxy: a configured proxy's X-Forwarded-For and X-Forwarded-Proto are believed, anyone else's are not.
/// A test endpoint at the end of the pipeline echoes the scheme and client address the dashboard ended up with.
/// </summary>
public sealed class ForwardedHeadersTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private const string ProxyInNetwork = "10.1.2.3";
    private const string Stranger = "198.51.100.9";
    private const string Client = "203.0.113.7";

    private WebApplicationFactory<Program> _behindProxy = default!;
    private HttpClient _http = default!;

    public Task InitializeAsync()
    {
        _behindProxy = app.WithWebHostBuilder(builder => builder
            .UseSetting("ForwardedHeaders:KnownProxies:0", Proxy)
            .UseSetting("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16")
            .WithTestEndpoint("/test/client", context => context.Response.WriteAsync($"{context.Request.Scheme} {context.Connection.RemoteIpAddress}"),
                new AllowAnonymousAttribute()));
        // Plain http between proxy and dashboard, as behind a TLS-terminating proxy; cookies are carried by hand.
        _http = _behindProxy.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://dashboard.example"), AllowAutoRedirect = false, HandleCookies = false,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _behindProxy.DisposeAsync();

    [Theory]
    [InlineData(Proxy)]
    [InlineData(ProxyInNetwork)]
    public async Task A_known_proxy_is_believed_about_the_client_and_its_https(string peer)
    {
        var response = await _http.SendAsync(Request(HttpMethod.Get, "/test/client", from: peer, forwardedFor: Client, forwardedProto: "https"));

        Assert.Equal($"https {Client}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task From_an_unknown_address_the_forwarded_headers_are_ignored()
    {
        var response = await _http.SendAsync(Request(HttpMethod.Get, "/test/client", from: Stranger, forwardedFor: Client, forwardedProto: "https"));

        Assert.Equal($"http {Stranger}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Through_a_known_proxy_https_shows_in_redirects_and_hsts()
    {
        var response = await _http.SendAsync(Request(HttpMethod.Get, "/employers", from: Proxy, forwardedFor: Client, forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_stranger_claiming_https_gets_neither()
    {
        var response = await _http.SendAsync(Request(HttpMethod.Get, "/employers", from: Stranger, forwardedFor: Client, forwardedProto: "https"));

        Assert.Equal("http", response.Headers.Location!.Scheme);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Signing_in_through_a_known_proxy_sets_a_secure_host_only_sign_in_cookie()
    {
        var user = await app.AddUserAsync(Role.Support);

        var response = await SignInForm.PostAsync(_http, user.Email!, DashboardFactory.Password,
            via: request => Shape(request, from: Proxy, forwardedFor: Client, forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attributes = SignInForm.Attributes(SignInForm.SetCookie(response, "__Host-finch_dashboard"));
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string from, string forwardedFor, string forwardedProto)
    {
        var request = new HttpRequestMessage(method, path);
        Shape(request, from, forwardedFor, forwardedProto);
        return request;
    }

    private static void Shape(HttpRequestMessage request, string from, string forwardedFor, string forwardedProto)
    {
        request.Headers.Add(ClientAddresses.Header, from);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
    }
}
