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
        await Expect(RowOf(page, finchConnectionId).GetByTestId("status-badge")).ToHaveTextAsync("Re-auth", new() { Timeout = 20_000 });
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

    [Fact]
    public async Task A_status_change_updates_its_row_in_place_on_every_open_list_and_leaves_the_rest_of_the_page_alone()
    {
        var support = await app.SignInAsync("support@demo.local");
        await support.GotoAsync("/connections?size=100");
        var admin = await app.SignInAsync("admin@demo.local");
        var (finchConnectionId, _) = await MoveAConnectedConnectionToReauthAsync(admin, beforeMoving: MarkOutsideTheRowAsync(support));

        foreach (var page in new[] { admin, support })
        {
            var row = RowOf(page, finchConnectionId);
            await Expect(row.GetByTestId("status-badge")).ToHaveTextAsync("Re-auth", new() { Timeout = 20_000 });
        }

        // Each mark is a property of the DOM element itself: an element rendered again from scratch would not have it.
        var marks = await support.EvaluateAsync<bool[]>(
            "() => " + OutsideTheRow + ".map(e => e.finchMark === true)");
        Assert.Equal([true, true, true], marks);
    }

    [Fact]
    public async Task A_list_in_a_hidden_tab_keeps_what_it_hears_and_catches_up_when_shown()
    {
        var witness = await app.SignInAsync("support@demo.local");
        await witness.GotoAsync("/connections?size=100");
        var hidden = await app.SignInAsync("admin@demo.local");
        var (finchConnectionId, _) = await MoveAConnectedConnectionToReauthAsync(hidden, beforeMoving: async _ => await SetVisibleAsync(hidden, false));

        // Once a visible page on the same instance shows the change, the hidden one has heard it too, and kept it.
        await Expect(RowOf(witness, finchConnectionId).GetByTestId("status-badge")).ToHaveTextAsync("Re-auth", new() { Timeout = 20_000 });
        await Expect(RowOf(hidden, finchConnectionId).GetByTestId("status-badge")).ToHaveTextAsync("Connected");

        await SetVisibleAsync(hidden, true);
        await Expect(RowOf(hidden, finchConnectionId).GetByTestId("status-badge")).ToHaveTextAsync("Re-auth");
    }

    // What the browser does when its tab goes to the background or comes back; headless Chromium has no tabs to switch.
    private static Task SetVisibleAsync(IPage page, bool visible) => page.EvaluateAsync(
        "visible => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visible ? 'visible' : 'hidden' }); document.dispatchEvent(new Event('visibilitychange')); }",
        visible);

    private const string OutsideTheRow =
        "[document.querySelector('input[data-testid=connection-search], [data-testid=connection-search] input'), document.querySelector('[data-testid=state-tabs]'), [...document.querySelectorAll('[data-testid=connection-grid] tbody tr')].at(-1)]";

    // Marks the search field, the tabs and the last row, which the change leaves alone, once the list shows its rows.
    private static Func<string, Task> MarkOutsideTheRowAsync(IPage page) => async finchConnectionId =>
    {
        await Expect(RowOf(page, finchConnectionId)).ToBeVisibleAsync();
        var last = page.GetByTestId("connection-grid").Locator("tbody tr").Last;
        Assert.NotEqual(finchConnectionId, await last.Locator("span.mono").First.GetAttributeAsync("title"));
        await page.EvaluateAsync(
            "() => " + OutsideTheRow + ".forEach(e => e.finchMark = true)");
    };

    private static ILocator RowOf(IPage page, string finchConnectionId) =>
        page.GetByTestId("connection-grid").Locator("tbody tr").Filter(new() { Has = page.Locator($"span.mono[title='{finchConnectionId}']") });

    /// <summary>
    /// Moves a Connected demo connection (the fixture waits until they exist at Finch) to reauth at Finch. Returns its
    /// Finch id and how many connections needed action just before.
    /// </summary>
    private async Task<(string FinchConnectionId, int NeedingBefore)> MoveAConnectedConnectionToReauthAsync(IPage page, Func<string, Task>? beforeMoving = null)
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
        if (beforeMoving is not null)
        {
            await beforeMoving(finchConnectionId);
        }

        await app.SetConnectionStatusAsync(finchConnectionId, "reauth");
        return (finchConnectionId, needing);
    }

    [GeneratedRegex(@"(\d+) connections? needs? action")]
    private static partial Regex NeedingAction();
}
