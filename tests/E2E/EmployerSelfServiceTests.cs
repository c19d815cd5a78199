using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>An employer admin looks after their own connections in Chromium, against the emulator holding the demo connections.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed class EmployerSelfServiceTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task A_peo_admin_removes_a_company_connected_by_mistake_then_reconnects_through_finch_connect()
    {
        var page = await app.SignInAsync("peo@demo.local");
        await Expect(page).ToHaveURLAsync(new Regex("/your-connections$"));
        await Expect(page.GetByTestId("your-employer")).ToHaveCountAsync(2);
        await Expect(page.GetByText("Acme Manufacturing")).ToHaveCountAsync(0);

        // Stark's Paychex Flex connection needs reconnecting and holds two companies.
        var card = page.GetByTestId("your-connection").Filter(new() { HasText = "Paychex Flex" }).Filter(new() { HasText = "2 companies" });
        await Expect(card.GetByTestId("your-status")).ToContainTextAsync("Needs you");
        await Expect(card.GetByTestId("your-reconnect")).ToBeVisibleAsync();
        var reference = await card.GetByTestId("your-reference").InnerTextAsync();
        var yourConnections = page.Url;

        // Remove one company on the connection page; no Finch ids are shown to an employer there.
        await card.GetByTestId("your-manage").ClickAsync();
        var entities = page.GetByTestId("entities-grid").Locator("tbody tr");
        await Expect(entities).ToHaveCountAsync(2);
        await Expect(page.GetByText("Entity ID")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("internal-notes")).ToHaveCountAsync(0);
        var removed = (await entities.First.Locator("td").Nth(1).InnerTextAsync()).Trim();
        await entities.First.GetByTestId("select-entity").ClickAsync();
        // The connection needs reconnecting, which removing a company does not do: the dialog says so first.
        var dialog = await page.GetByTestId("disconnect-selected-entities").OpenDialogAsync();
        await Expect(dialog.GetByTestId("reauth-instead")).ToBeFocusedAsync();
        await dialog.GetByTestId("disconnect-anyway").ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await Expect(dialog).ToContainTextAsync("Billing does not stop");
        await Expect(dialog.GetByTestId("entities-to-disconnect")).ToContainTextAsync(removed);
        await Expect(dialog.GetByTestId("entities-to-disconnect").Locator("code")).ToHaveCountAsync(0);
        await dialog.GetByTestId("confirm-disconnect-entities").ClickAsync();
        await app.ExpectClosedAsync(dialog, timeout: 30_000);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync(removed);

        // Back on Your connections the company is shown as removed, and the employer reconnects in this browser.
        await page.GotoAsync(yourConnections);
        card = page.GetByTestId("your-connection").Filter(new() { HasText = reference });
        await Expect(card.GetByTestId("your-entities")).ToContainTextAsync($"{removed} (removed)");
        await card.GetByTestId("your-reconnect").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.EmulatorUrl)), new() { Timeout = 30_000 });
        await EmployerConnect.CompleteAsync(page, entities: 1);
        await Expect(page.GetByTestId("connect-outcome")).ToHaveTextAsync("Your connection is repaired");

        await page.GotoAsync(yourConnections);
        await Expect(page.GetByTestId("your-connection").Filter(new() { HasText = reference }).GetByTestId("your-status")).ToContainTextAsync("Working");
    }

    [Fact]
    public async Task An_employer_admin_connects_a_second_system()
    {
        var page = await app.SignInAsync("employer@demo.local");
        await Expect(page).ToHaveURLAsync(new Regex("/your-connections$"));
        var yourConnections = page.Url;
        var ripplingCards = page.GetByTestId("your-connection").Filter(new() { HasText = "Rippling" });
        await Expect(page.GetByTestId("your-connection").First).ToBeVisibleAsync();
        var ripplingBefore = await ripplingCards.CountAsync();
        // Acme Manufacturing is the only employer this admin has: nothing of another employer is offered.
        await Expect(page.GetByTestId("your-connect-another")).ToHaveCountAsync(1);

        await page.GetByTestId("your-connect-another").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.EmulatorUrl)), new() { Timeout = 30_000 });
        await EmployerConnect.CompleteAsync(page, entities: 1, provider: "rippling");
        await Expect(page.GetByTestId("connect-outcome")).ToHaveTextAsync("You're connected");

        await page.GotoAsync(yourConnections);
        await Expect(ripplingCards).ToHaveCountAsync(ripplingBefore + 1, new() { Timeout = 30_000 });
        // Newest first.
        var added = ripplingCards.First;
        await Expect(added.GetByTestId("your-status")).ToContainTextAsync("Working");

        // Its page shows the customer id Finch holds it under: Acme's, then the connection's own id.
        await added.GetByTestId("your-manage").ClickAsync();
        var connectionId = new Regex("/connections/([0-9a-f-]{36})").Match(page.Url).Groups[1].Value;
        await Expect(page.GetByTestId("connection-header")).ToContainTextAsync($"acme-manufacturing/{connectionId}");
    }
}
