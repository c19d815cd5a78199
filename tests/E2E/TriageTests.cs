using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Support works the triage queue in Chromium, against the emulator that holds the demo connections.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed class TriageTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task Support_notes_a_reauth_item_sets_a_follow_up_and_creates_the_reauth_message()
    {
        var page = await app.SignInAsync("support@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage queue" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/triage$"));

        await page.GetByTestId("triage-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Re-auth needed", Exact = true }).ClickAsync();
        var rows = page.GetByTestId("triage-grid").Locator("tbody tr");
        // Every row, not the first: the oldest item may need a reauth before the filter's reload has replaced the rows.
        await Expect(rows.First).ToContainTextAsync("Re-auth needed");
        await Expect(rows.Filter(new() { HasNotText = "Re-auth needed" })).ToHaveCountAsync(0);
        var company = await rows.First.GetByTestId("triage-company").InnerTextAsync();

        // Notes and the contact, in the dialog; the row shows the contact once it closes.
        var dialog = await rows.First.GetByTestId("triage-notes").OpenDialogAsync();
        await dialog.GetByTestId("new-note").FillAsync("Called the payroll admin; she will reconnect after Friday's run.");
        await dialog.GetByTestId("add-note").ClickAsync();
        await Expect(dialog.GetByTestId("notes-list")).ToContainTextAsync("she will reconnect after Friday's run");
        await dialog.GetByTestId("mark-contacted").ClickAsync();
        await Expect(dialog.GetByTestId("notes-contact-state")).ToContainTextAsync("by Sam Support");
        // Escape from where a keyboard user would be: the live update after marking the contact can re-render the
        // button they pressed, which leaves the focus outside the dialog (noted for the accessibility work).
        await dialog.GetByTestId("new-note").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await app.ExpectClosedAsync(dialog);

        var row = rows.Filter(new() { Has = page.GetByTestId("triage-company").GetByText(company, new() { Exact = true }) }).First;
        await Expect(row.GetByTestId("triage-contacted")).ToContainTextAsync("Sam Support");
        await Expect(row.GetByTestId("triage-notes")).ToContainTextAsync("Notes (1)");

        // One action for the reauth link and the message to send.
        await row.GetByTestId("triage-reauth").OpenDialogAsync();
        await page.GetByTestId("create-reauth-link").ClickAsync();
        await Expect(page.GetByTestId("connect-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var url = await page.GetByTestId("connect-url").InputValueAsync();
        await Expect(page.GetByTestId("reauth-message")).ToHaveValueAsync(new Regex(Regex.Escape(url)));
    }

    [Fact]
    public async Task Employer_admins_are_not_shown_the_triage_queue_and_cannot_open_it()
    {
        var page = await app.SignInAsync("employer@demo.local");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your connections" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Triage queue" })).ToHaveCountAsync(0);

        await page.GotoAsync("/triage");
        await Expect(page.GetByTestId("triage-grid")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Not available to your role")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Access denied · FinchDashboard");

        // Within the app the router refuses it, with the same heading and title, inside the dashboard's own layout.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your connections" })).ToBeVisibleAsync();
        // Only once the circuit is connected does the router take the navigation; before, Blazor fetches the page from the
        // server, which sends the browser to /account/access-denied (CI saw that once). A menu that opens shows the circuit is up.
        await BrowserFixture.OpenMenuAsync(page.GetByRole(AriaRole.Button, new() { Name = "Your account" }), page.GetByTestId("mfa-link"));
        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/triage");
        await Expect(page).ToHaveURLAsync(new Regex("/triage$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Access denied · FinchDashboard");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }))).ToBeVisibleAsync();
    }
}
