using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Its own dashboard process, because the test stops and restarts the server under an open page.</summary>
public sealed class ReconnectTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_dropped_connection_tells_the_user_and_the_page_recovers_when_the_server_is_back()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/employers");
        await Expect(page.GetByTestId("employer-grid").Locator("tbody tr")).ToHaveCountAsync(6);
        var modal = page.GetByTestId("reconnect-modal");
        await Expect(modal).ToBeHiddenAsync();

        await app.Dashboard.StopAsync();

        await Expect(modal).ToBeVisibleAsync();
        await Expect(modal).ToContainTextAsync("Connection to the dashboard lost");

        await app.Dashboard.StartAsync();

        // The new server does not know the old circuit, so the page reloads itself and works again.
        await Expect(modal).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("employer-grid").Locator("tbody tr")).ToHaveCountAsync(6, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Ada Admin");
    }
}
