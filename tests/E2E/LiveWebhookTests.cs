using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Finch's webhooks, sent by the emulator to the running dashboard, change what an open page shows.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed partial class LiveWebhookTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task A_status_change_at_Finch_reaches_an_open_connections_list_without_a_reload()
    {
        var page = await app.SignInAsync("admin@demo.local");
        var (finchConnectionId, needingBefore) = await MoveAConnectedConnectionToReauthAsync(page);

        // No reload from here: the emulator posts account.updated, the dashboard applies it and the list follows.
        var row = page.GetByTestId("connection-grid").Locator("tbody tr")
            .Filter(new() { Has = page.Locator($"span.mono[title='{finchConnectionId}']") });
        await Expect(row.GetByTestId("status-badge")).ToHaveTextAsync("Re-auth", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("action-needed-banner"))
            .ToContainTextAsync(new Regex($@"\b{needingBefore + 1} connections? needs? action"));

        // The admin's webhooks page lists the event that did it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByTestId("secret-status")).ToContainTextAsync("1 configured");
        // Demo start-up moves other connections to reauth too; the one moved here is found by its Finch id.
        await Expect(page.GetByTestId("recent-events").Locator("tbody tr")
            .Filter(new() { Has = page.Locator($"[title='{finchConnectionId}']") })
            .Filter(new() { HasText = "Status changed from Connected to Re-auth" })).ToHaveCountAsync(1);
    }

    /// <summary>
    /// Moves a Connected demo connection (the fixture waits until they exist at Finch) to reauth at Finch. Returns its
    /// Finch id and how many connections needed action just before.
    /// </summary>
    private async Task<(string FinchConnectionId, int NeedingBefore)> MoveAConnectedConnectionToReauthAsync(IPage page)
    {
        // Unfiltered, so the row stays in view when its status changes.
        await page.GotoAsync("/connections?size=100");
        var row = page.GetByTestId("connection-grid").Locator("tbody tr")
            .Filter(new() { Has = page.GetByTestId("status-badge").GetByText("Connected", new() { Exact = true }) }).First;
        await Expect(row).ToBeVisibleAsync();
        // The demo data always has connections needing action; the banner comes with the counts, after the rows.
        var banner = page.GetByTestId("action-needed-banner");
        await Expect(banner).ToBeVisibleAsync();
        var needing = int.Parse(NeedingAction().Match(await banner.InnerTextAsync()).Groups[1].Value);
        var finchConnectionId = (await row.Locator("td").Nth(1).Locator("span.mono").GetAttributeAsync("title"))!;
        await app.SetConnectionStatusAsync(finchConnectionId, "reauth");
        return (finchConnectionId, needing);
    }

    [GeneratedRegex(@"(\d+) connections? needs? action")]
    private static partial Regex NeedingAction();
}
