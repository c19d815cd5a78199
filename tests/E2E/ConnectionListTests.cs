using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>The connections list in Chromium over the demo data (60 connections across six employers).</summary>
[Collection(nameof(DemoDashboard))]
public sealed partial class ConnectionListTests(BrowserFixture app)
{
    // Rows of connections: the grid's loading and empty rows hold no cells.
    private static ILocator Rows(IPage page) =>
        page.GetByTestId("connection-grid").Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Cell) });

    private static ILocator PagerSummary(IPage page) => page.GetByTestId("pager").GetByText(PagerInfo());

    private static ILocator SortButton(IPage page, string column) =>
        page.GetByRole(AriaRole.Columnheader, new() { Name = column }).GetByRole(AriaRole.Button, new() { Name = "Sort" });

    private static async Task<int> CountOnTabAsync(IPage page, string tab) =>
        int.Parse(await page.GetByTestId($"count-{tab}").InnerTextAsync());

    private static async Task<int> PagerTotalAsync(IPage page) =>
        int.Parse(OfTotal().Match(await PagerSummary(page).InnerTextAsync()).Groups[1].Value.Replace(",", ""));

    [Fact]
    public async Task Tabs_show_counts_that_match_their_lists()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/connections");
        await Expect(Rows(page).First).ToBeVisibleAsync();

        var live = await CountOnTabAsync(page, "live");
        var staged = await CountOnTabAsync(page, "staged");
        var disconnected = await CountOnTabAsync(page, "disconnected");
        // The demo: 60 sample connections and one for each reason of the billable waste page.
        Assert.Equal(60 + 6, live + staged + disconnected);
        Assert.Equal(live, await PagerTotalAsync(page));

        await page.GetByTestId("tab-staged").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=staged"));
        await Expect(PagerSummary(page)).ToContainTextAsync($"of {staged}");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Expires" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Clicking_a_header_sorts_and_the_URL_remembers_it()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/connections");
        await Expect(Rows(page).First).ToBeVisibleAsync();

        await SortButton(page, "Provider").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("sort=provider&dir=asc"));
        var providers = await EventuallyAsync(
            () => Rows(page).Locator("td:last-child").AllInnerTextsAsync(),
            values => values.SequenceEqual(values.Order(StringComparer.Ordinal)));

        await page.ReloadAsync();
        await Expect(Rows(page).First.Locator("td:last-child")).ToHaveTextAsync(providers[0]);
    }

    [Fact]
    public async Task Adding_a_provider_filter_narrows_the_list()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/connections");
        await Expect(Rows(page).First).ToBeVisibleAsync();

        await page.GetByTestId("add-filter").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Provider", Exact = true }).ClickAsync();
        await page.GetByTestId("filter-bar").GetByRole(AriaRole.Combobox, new() { Name = "Provider", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Gusto", Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page).ToHaveURLAsync(new Regex("provider=gusto"));
        var providers = await EventuallyAsync(
            () => Rows(page).Locator("td:last-child").AllInnerTextsAsync(),
            values => values.Count > 0 && values.All(p => p == "Gusto"));
        Assert.Equal(await PagerTotalAsync(page), providers.Count);
    }

    [Fact]
    public async Task Free_text_search_finds_a_customer()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/connections");
        await Expect(Rows(page).First).ToBeVisibleAsync();

        await page.GetByLabel("Search connections").FillAsync("globex");
        await page.GetByLabel("Search connections").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("q=globex"));
        await EventuallyAsync(
            () => Rows(page).AllInnerTextsAsync(),
            rows => rows.Count > 0 && rows.All(row => row.Contains("Globex Retail", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Paging_moves_through_the_list()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/connections?size=25");
        await Expect(Rows(page)).ToHaveCountAsync(25);
        var total = await PagerTotalAsync(page);
        Assert.True(total > 25, $"the demo data should fill more than one page of live connections, has {total}");

        await page.GetByTestId("pager").GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(PagerSummary(page)).ToHaveTextAsync($"26–{Math.Min(50, total)} of {total}");
        await Expect(Rows(page)).ToHaveCountAsync(Math.Min(25, total - 25));
    }

    [Fact]
    public async Task The_banner_View_now_opens_the_connections_that_need_action()
    {
        var page = await app.SignInAsync("manager@demo.local");
        await page.GotoAsync("/connections");
        var banner = page.GetByTestId("action-needed-banner");
        await Expect(banner).ToBeVisibleAsync();
        var needing = int.Parse(LeadingNumber().Match(await banner.InnerTextAsync()).Value);

        await banner.GetByRole(AriaRole.Link, new() { Name = "View now" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("action=needed"));
        await Expect(PagerSummary(page)).ToContainTextAsync($"of {needing}");
        var badges = page.GetByTestId("connection-grid").GetByTestId("status-badge");
        await Expect(badges).ToHaveCountAsync(needing);
        // Connected rows among them are sync overdue or failing health checks; the others need the employer or Finch.
        Assert.Contains(await badges.AllInnerTextsAsync(), s => !s.Equals("Connected", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_row_opens_its_connection_page()
    {
        var page = await app.SignInAsync("employer@demo.local");
        await page.GotoAsync("/connections");
        var link = page.GetByTestId("company-link").First;
        var company = (await link.InnerTextAsync()).Trim();

        await link.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/connections/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(company);
        await Expect(page.GetByTestId("entities-grid")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Connected through");
    }

    [Fact]
    public async Task The_CSV_download_has_the_header_and_every_row_of_the_tab()
    {
        var page = await app.SignInAsync("peo@demo.local");
        await page.GotoAsync("/connections");
        await Expect(Rows(page).First).ToBeVisibleAsync();
        var live = await CountOnTabAsync(page, "live");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());

        Assert.Matches(@"^connections-live-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
        // An employer admin sees no Finch ids on the page, so the file leaves them out too.
        Assert.StartsWith("company_name,customer_name,customer_id,", lines[0]);
        Assert.Equal(live, lines.Count - 1);
        Assert.All(lines.Skip(1), line => Assert.True(line.Contains("umbrella-health") || line.Contains("stark-logistics"), line));
    }

    // The URL changes before the new rows arrive over the circuit; wait for the rows rather than sleeping.
    private static async Task<IReadOnlyList<string>> EventuallyAsync(Func<Task<IReadOnlyList<string>>> read, Func<IReadOnlyList<string>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var values = await read();
        while (!done(values) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            values = await read();
        }

        Assert.True(done(values), "Never reached the expected state: " + string.Join(", ", values));
        return values;
    }

    [GeneratedRegex(@"of ([\d,]+)")]
    private static partial Regex OfTotal();

    [GeneratedRegex(@"\d+")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^\d+–\d+ of [\d,]+$")]
    private static partial Regex PagerInfo();
}
