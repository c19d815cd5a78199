using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Connect and reauth in Chromium, through the dashboard, the emulator's hosted Connect page and back.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed partial class ConnectFlowTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task An_account_manager_connects_an_employer_then_repairs_the_connection_through_reauth()
    {
        var page = await app.SignInAsync("manager@demo.local");
        await page.GotoAsync("/connections");

        // Create the link as the account manager: Initech, a multi-entity provider.
        await page.GetByTestId("open-create-link").OpenDialogAsync();
        await page.GetByTestId("employer-choice").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Initech Software", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("employer-choice")).ToHaveValueAsync("Initech Software");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Provider", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Paychex Flex", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Provider", Exact = true })).ToHaveValueAsync("Paychex Flex");
        await page.GetByTestId("create-link").ClickAsync();
        await Expect(page.GetByTestId("connect-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var connectUrl = await page.GetByTestId("connect-url").InputValueAsync();
        Assert.Contains("state=", connectUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tab=staged"));

        // The employer follows it: consent, sign in to the provider, pick two entities, and lands back with us.
        var employer = await page.Context.NewPageAsync();
        await employer.GotoAsync(connectUrl);
        await EmployerConnect.CompleteAsync(employer, entities: 2);
        await Expect(employer.GetByTestId("connect-outcome")).ToHaveTextAsync("You're connected");

        // Live with two entities.
        await page.GotoAsync("/connections?sort=connected&dir=desc&provider=paychex_flex&customer=initech");
        var row = page.GetByTestId("connection-grid").Locator("tbody tr").First;
        await Expect(row).ToContainTextAsync("Initech Software");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("2");
        var finchConnectionId = (await row.Locator("td").Nth(1).Locator("span.mono").GetAttributeAsync("title"))!;
        await row.GetByTestId("company-link").ClickAsync();
        await Expect(page.GetByTestId("entities-grid").Locator("tbody tr")).ToHaveCountAsync(2);
        var connectionPage = page.Url;

        // Finch says the employer must reconnect: refresh shows Re-auth, and the list's banner counts it.
        await app.SetConnectionStatusAsync(finchConnectionId, "reauth");
        await page.GetByTestId("refresh-from-finch").ClickAsync();
        await Expect(page.GetByTestId("connection-header").GetByTestId("status-badge")).ToHaveTextAsync("Re-auth");
        await page.GotoAsync("/connections");
        await Expect(page.GetByTestId("action-needed-banner")).ToContainTextAsync("re-authentication");

        // The reauth flow, with the ready-to-send message, brings it back to Connected.
        await page.GotoAsync(connectionPage);
        await page.GetByTestId("open-reauth").OpenDialogAsync();
        await page.GetByTestId("create-reauth-link").ClickAsync();
        await Expect(page.GetByTestId("connect-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var reauthUrl = await page.GetByTestId("connect-url").InputValueAsync();
        await Expect(page.GetByTestId("reauth-message")).ToHaveValueAsync(new Regex(Regex.Escape(reauthUrl)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        await employer.GotoAsync(reauthUrl);
        await EmployerConnect.CompleteAsync(employer, entities: 2);
        await Expect(employer.GetByTestId("connect-outcome")).ToHaveTextAsync("Your connection is repaired");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("connection-header").GetByTestId("status-badge")).ToHaveTextAsync("Connected");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Reauthenticated through Finch Connect");
        Assert.DoesNotContain("access_token", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
