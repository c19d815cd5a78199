using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Finch's webhooks, sent by the emulator to the running dashboard, change what an open page shows.</summary>
public sealed partial class LiveWebhookTests(FinchBrowserFixture app) : IClassFixture<FinchBrowserFixture>
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
    /// Demo connections are created in the emulator in the background after start-up, so the list is read again until
    /// a Connected row is one the emulator knows; that row is then moved to reauth at Finch. Returns its Finch id and
    /// how many connections needed action just before.
    /// </summary>
    private async Task<(string FinchConnectionId, int NeedingBefore)> MoveAConnectedConnectionToReauthAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            // Every live demo connection on one page: whichever is created in the emulator first will do.
            await page.GotoAsync("/connections?size=100");
            var rows = page.GetByTestId("connection-grid").Locator("tbody tr");
            // While the demo connections are being created the list reloads on every change; read it once it has settled.
            await page.WaitForTimeoutAsync(1_000);
            await Expect(rows.First).ToBeVisibleAsync();
            var banner = page.GetByTestId("action-needed-banner");
            // The demo data always has connections needing action; the banner comes with the counts, after the rows.
            await Expect(banner).ToBeVisibleAsync();
            var needing = int.Parse(NeedingAction().Match(await banner.InnerTextAsync()).Groups[1].Value);
            for (var i = 0; i < await rows.CountAsync(); i++)
            {
                var row = rows.Nth(i);
                if ((await row.GetByTestId("status-badge").TextContentAsync())?.Trim() != "Connected")
                {
                    continue;
                }

                var finchConnectionId = await row.Locator("td").Nth(1).Locator("span.mono").GetAttributeAsync("title");
                if (finchConnectionId is not null && await app.TrySetConnectionStatusAsync(finchConnectionId, "reauth"))
                {
                    return (finchConnectionId, needing);
                }
            }

            await Task.Delay(1_000);
        }

        throw new TimeoutException($"No Connected demo connection became known to the emulator within 120 s. Dashboard output:\n{app.Dashboard.Output}");
    }

    [GeneratedRegex(@"(\d+) connections? needs? action")]
    private static partial Regex NeedingAction();
}
