using System.Net;
using FinchDashboard.Dashboard.Providers;
using FinchDashboard.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Providers;

/// <summary>Provider logos from Finch's /providers, fetched by the dashboard from the emulator and served from its own origin.</summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class ProviderLogoTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private DashboardFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard();
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_signed_in_user_gets_the_logo_Finch_names_from_the_dashboards_own_address()
    {
        var client = await _app.SignedInClientAsync(await _app.AddUserAsync(Role.Support));

        var response = await client.GetAsync("/provider-logos/gusto");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        // The emulator's drawing (Gusto's colour), not the placeholder.
        Assert.Contains("#F45D48", await response.Content.ReadAsStringAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("img-src 'self' data:", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_provider_Finch_does_not_know_gets_the_placeholder_and_anonymous_callers_get_nothing()
    {
        var client = await _app.SignedInClientAsync(await _app.AddUserAsync(Role.Support));

        var placeholder = await client.GetStringAsync("/provider-logos/nobody");

        Assert.StartsWith("<svg", placeholder);
        Assert.DoesNotContain("<text", placeholder);
        var anonymous = await _app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/provider-logos/gusto");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("https://finch-logos.s3.us-west-2.amazonaws.com/gustoIcon.png", true)]
    [InlineData("http://finch-logos.s3.us-west-2.amazonaws.com/gustoIcon.png", false)]
    [InlineData("https://finch-logos.s3.us-west-2.amazonaws.com:8443/gustoIcon.png", false)]
    [InlineData("https://evil.example/finch-logos.s3.us-west-2.amazonaws.com.png", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    public void Only_https_addresses_on_the_allowed_hosts_are_fetched(string address, bool allowed)
    {
        var logos = _app.Services.GetRequiredService<ProviderLogos>();

        Assert.Equal(allowed, logos.IsAllowed(address, out _));
    }

    [Fact]
    public void Finchs_own_address_is_allowed_so_the_emulators_logos_work()
    {
        var logos = _app.Services.GetRequiredService<ProviderLogos>();

        Assert.True(logos.IsAllowed(finch.BaseUrl + "/logos/gusto-icon.svg", out _));
    }
}
