using System.Net;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class ProviderTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task Providers_are_a_bare_array_with_finch_fields()
    {
        var body = await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Get, "/providers", auth: FinchApi.Basic()));

        var providers = body.EnumerateArray().ToList();
        var gusto = providers.Single(p => p.GetProperty("id").GetString() == "gusto");
        Assert.Equal("Gusto", gusto.GetProperty("display_name").GetString());
        Assert.Contains("company", gusto.GetProperty("products").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("oauth", gusto.GetProperty("authentication_methods")[0].GetProperty("type").GetString());
        Assert.False(gusto.GetProperty("manual").GetBoolean());

        var assistedOnly = providers.Where(p => p.GetProperty("manual").GetBoolean()).ToList();
        Assert.NotEmpty(assistedOnly);
        Assert.All(assistedOnly, p => Assert.All(p.GetProperty("authentication_methods").EnumerateArray(),
            m => Assert.Equal("assisted", m.GetProperty("type").GetString())));
        var methodTypes = providers.SelectMany(p => p.GetProperty("authentication_methods").EnumerateArray())
            .Select(m => m.GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "credential", "api_token", "oauth", "assisted" }, methodTypes);
    }

    [Fact]
    public async Task Every_provider_has_an_icon_and_a_logo_the_emulator_draws_itself()
    {
        var body = await FinchApi.JsonAsync(await _api.SendAsync(HttpMethod.Get, "/providers", auth: FinchApi.Basic()));

        foreach (var provider in body.EnumerateArray())
        {
            foreach (var field in new[] { "icon", "logo" })
            {
                var url = new Uri(provider.GetProperty(field).GetString()!);
                Assert.True(url.IsAbsoluteUri);
                // Like Finch's CDN, the images need no credentials.
                var image = await _api.SendAsync(HttpMethod.Get, url.PathAndQuery);
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
                Assert.StartsWith("<svg", await image.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, "/logos/nobody-icon.svg")).StatusCode);
    }

    [Fact]
    public async Task Providers_accept_an_access_token_too()
    {
        var connection = await _api.CreateSandboxConnectionAsync();

        var response = await _api.GetAsync("/providers", connection.GetProperty("access_token").GetString()!);

        Assert.NotEmpty((await FinchApi.JsonAsync(response)).EnumerateArray());
    }

    [Fact]
    public async Task Providers_without_credentials_answer_401()
    {
        await FinchApi.AssertErrorAsync(await _api.SendAsync(HttpMethod.Get, "/providers"), 401, "unauthorized_request_error", null);
    }
}
