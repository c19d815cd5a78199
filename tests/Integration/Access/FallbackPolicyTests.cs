using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

/// <summary>
/// Signing in is the default: an endpoint that says nothing about authorization requires a signed-in user, and what
/// was anonymous before says so itself and still is.
/// </summary>
public sealed class FallbackPolicyTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task An_endpoint_without_authorization_metadata_sends_anonymous_callers_to_sign_in()
    {
        var reached = false;
        await using var withEndpoint = app.WithWebHostBuilder(builder => builder.WithTestEndpoint("/test/unmarked", context =>
        {
            reached = true;
            return context.Response.WriteAsync("reached");
        }));

        var response = await withEndpoint.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/test/unmarked");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.False(reached);
    }

    [Fact]
    public void Every_endpoint_says_who_may_use_it_or_that_anyone_may()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var unmarked = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Where(e => !IsStaticAssetsBuildFallback(e))
            .Select(e => e.DisplayName)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(unmarked.Count == 0, "Endpoints relying on the fallback policy: " + string.Join(", ", unmarked));
    }

    // Run from build output (tests, ./run.sh; never a published app), MapStaticAssets adds a fallback serving files put
    // in wwwroot after the build. It takes none of the conventions given to MapStaticAssets, so it alone requires a
    // signed-in user now; every built asset stays anonymous.
    private static bool IsStaticAssetsBuildFallback(Endpoint endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: "{**path:file}", DisplayName: "Fallback {**path:file}" };

    [Theory]
    [InlineData("GET", "/account/login", HttpStatusCode.OK)]
    [InlineData("GET", "/account/access-denied", HttpStatusCode.OK)]
    [InlineData("GET", "/not-found", HttpStatusCode.OK)]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("GET", "/error", HttpStatusCode.OK)]
    [InlineData("GET", "/connect/done", HttpStatusCode.OK)]
    [InlineData("GET", "/healthz/live", HttpStatusCode.OK)]
    [InlineData("GET", "/favicon.svg", HttpStatusCode.OK)]
    [InlineData("POST", "/_blazor/negotiate?negotiateVersion=1", HttpStatusCode.OK)]
    [InlineData("POST", "/webhooks/finch", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/finch/callback", HttpStatusCode.Redirect)]
    [InlineData("POST", "/account/logout", HttpStatusCode.BadRequest)]
    public async Task What_was_anonymous_still_answers_anonymous_callers(string method, string path, HttpStatusCode status)
    {
        var response = await app.CreateHttpsClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain("/account/login", response.Headers.Location?.OriginalString ?? "");
    }
}
