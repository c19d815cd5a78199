using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>
/// The operator page on the dashboard that talks to the emulator: its demo start-up has called Finch and received
/// Finch's webhooks, so the last hour has figures to draw.
/// </summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed class SystemPageTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task An_admin_sees_this_instance_finchs_circuits_the_secrets_by_count_and_the_last_hours_charts()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await BrowserFixture.OpenMenuAsync(page.GetByRole(AriaRole.Link, new() { Name = "System" }), page.GetByRole(AriaRole.Heading, new() { Name = "System", Level = 1 }));

        await Expect(page.GetByTestId("instance-row")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("instance-row")).ToContainTextAsync("(this one)");
        await Expect(page.GetByTestId("instance-row")).ToContainTextAsync("Listening");
        await Expect(page.GetByTestId("finch-circuits")).ToContainTextAsync("Sandbox environment at");
        await Expect(page.GetByTestId("circuit-employer")).ToContainTextAsync("Closed");
        await Expect(page.GetByTestId("secret-row").Filter(new() { HasText = "Finch:WebhookSecrets" })).ToContainTextAsync("1 configured");
        // Only counts: the client secret is configured but never shown.
        await Expect(page.GetByTestId("secret-row").Filter(new() { HasText = "Finch:ClientSecret" })).ToContainTextAsync("1 configured");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(FinchBrowserFixture.ClientSecret);

        // The demo's start-up called Finch and took its webhooks within the hour; each chart says its totals in words.
        await Expect(page.GetByTestId("chart-finch-requests").GetByTestId("metric-summary")).ToContainTextAsync(new Regex(@"200: \d+ in the last hour"));
        await Expect(page.GetByTestId("chart-finch-requests").Locator("svg")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-finch-latency").GetByTestId("metric-summary")).ToContainTextAsync("p95: latest");
        await Expect(page.GetByTestId("chart-webhook-deliveries").GetByTestId("metric-summary")).ToContainTextAsync(new Regex(@"stored: [1-9][\d,]* in the last hour"));
        await Expect(page.GetByTestId("chart-queue-depth").GetByTestId("metric-summary")).ToContainTextAsync("finch: latest");
        await Expect(page.GetByTestId("chart-webhook-refused").GetByTestId("metric-empty")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("manager@demo.local")]
    [InlineData("support@demo.local")]
    [InlineData("employer@demo.local")]
    public async Task Other_roles_are_refused_and_see_no_link_to_it(string email)
    {
        var page = await app.SignInAsync(email);
        await page.GotoAsync("/admin/system");

        await Expect(page.GetByText("Not available to your role")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("instances")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "System" })).ToHaveCountAsync(0);
    }
}
