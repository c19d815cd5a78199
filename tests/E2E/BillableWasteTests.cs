using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>The billable waste page in Chromium, on the demo's connections, which demo mode also creates in the emulator.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed class BillableWasteTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task The_waste_page_lists_the_demos_duplicate_and_disconnecting_it_from_there_removes_it_from_the_page()
    {
        var page = await app.SignInAsync("manager@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Billable waste" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/waste$"));

        // The demo gives Initech Software two Rippling connections; demo mode creates them again in the emulator, which
        // names their companies, so the older one is found by its employer and provider.
        var initechRippling = page.GetByTestId("waste-grid").Locator("tbody tr", new() { HasText = "Initech Software · Rippling" });
        var duplicate = initechRippling.First;
        await Expect(duplicate.GetByTestId("waste-reason")).ToHaveTextAsync("Duplicate provider");
        await Expect(page.GetByTestId("waste-by-employer")).ToContainTextAsync("Initech Software");
        var company = (await duplicate.GetByTestId("waste-company").InnerTextAsync()).Trim();
        var wasteBefore = await initechRippling.CountAsync();

        var dialog = await duplicate.GetByTestId("waste-disconnect").OpenDialogAsync();
        var name = (await dialog.GetByTestId("confirmation-name").InnerTextAsync()).Trim();
        Assert.Equal(company, name);
        await dialog.GetByTestId("disconnect-reason").FillAsync("Replaced by the employer's newer Rippling connection");
        await dialog.GetByTestId("disconnect-confirmation").FillAsync(name);
        await dialog.GetByTestId("confirm-disconnect-connection").ClickAsync();
        await app.ExpectClosedAsync(dialog);

        // Counted by employer and provider: the emulator makes company names from short lists (FinchSandbox CompanyNames),
        // so another waste row can carry the same one.
        await Expect(initechRippling).ToHaveCountAsync(wasteBefore - 1);
        // The rest of the page stays: the manager's other employers still have their stalled connection.
        await Expect(page.GetByTestId("waste-grid")).ToContainTextAsync("Acme Warehouse");
    }
}
