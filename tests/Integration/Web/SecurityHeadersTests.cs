using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinchDashboard.Integration.Web;

/// <summary>The security headers on every kind of answer: a page, endpoints, a redirect, a static file, a 404 and a 500.</summary>
public sealed partial class SecurityHeadersTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task A_page_carries_every_header_and_its_import_map_carries_the_nonce_its_policy_allows()
    {
        var response = await app.CreateHttpsClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nonce = AssertSecurityHeaders(response);
        var importMap = Assert.Single(ImportMapTag().Matches(await response.Content.ReadAsStringAsync()));
        Assert.Equal(nonce, importMap.Groups["nonce"].Value);
    }

    [Fact]
    public async Task Each_response_gets_its_own_nonce()
    {
        var client = app.CreateHttpsClient();

        var first = AssertSecurityHeaders(await client.GetAsync("/account/login"));
        var second = AssertSecurityHeaders(await client.GetAsync("/account/login"));

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("/healthz/live", HttpStatusCode.OK)]
    [InlineData("/connections/export", HttpStatusCode.Redirect)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task Endpoints_redirects_static_files_and_not_found_answers_carry_them_too(string path, HttpStatusCode status)
    {
        var response = await app.CreateHttpsClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task An_unhandled_error_answers_the_error_page_with_every_header()
    {
        await using var failing = app.WithWebHostBuilder(builder => builder.WithTestEndpoint(
            "/test/fails", _ => throw new InvalidOperationException("A failure for the test."), new AllowAnonymousAttribute()));

        var response = await failing.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") })
            .GetAsync("/test/fails");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", await response.Content.ReadAsStringAsync());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Outside_development_https_answers_carry_hsts()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example") });

        var response = await client.GetAsync("/healthz/live");

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    /// <summary>Asserts every header and each directive of the policy; returns the policy's script nonce.</summary>
    private static string AssertSecurityHeaders(HttpResponseMessage response)
    {
        // One policy: the framework's own "frame-ancestors 'self'" must not be sent beside it, as browsers enforce both.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self' 'unsafe-inline'", directives["style-src"]);
        Assert.Equal("'self' data:", directives["img-src"]);
        var scriptSource = directives["script-src"];
        Assert.DoesNotContain("'unsafe-inline'", scriptSource);
        Assert.DoesNotContain("'unsafe-eval'", scriptSource);
        var nonce = ScriptSourceWithNonce().Match(scriptSource);
        Assert.True(nonce.Success, $"script-src is '{scriptSource}'");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        return nonce.Groups["nonce"].Value;
    }

    [GeneratedRegex("^'self' 'nonce-(?<nonce>[A-Za-z0-9_-]{22})'$")]
    private static partial Regex ScriptSourceWithNonce();

    [GeneratedRegex("<script type=\"importmap\" nonce=\"(?<nonce>[^\"]+)\">")]
    private static partial Regex ImportMapTag();
}
