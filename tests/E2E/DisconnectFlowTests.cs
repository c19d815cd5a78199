using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Disconnecting entities and whole connections in Chromium, on connections made through the emulator's Connect page.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed class DisconnectFlowTests(FinchBrowserFixture app)
{
    /// <summary>Creates a Connect link as <paramref name="page"/>'s user, connects as the employer, and opens the new connection's page.</summary>
    private static async Task<string> ConnectAsync(IPage page, string employer, string provider, int entities, string providerId, string customer)
    {
        await page.GotoAsync("/connections");
        await page.GetByTestId("open-create-link").OpenDialogAsync();
        await page.GetByTestId("employer-choice").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = employer, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("employer-choice")).ToHaveValueAsync(employer);
        var providerChoice = page.GetByRole(AriaRole.Combobox, new() { Name = "Provider", Exact = true });
        await providerChoice.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = provider, Exact = true }).ClickAsync();
        await Expect(providerChoice).ToHaveValueAsync(provider);
        await page.GetByTestId("create-link").ClickAsync();
        await Expect(page.GetByTestId("connect-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var connectUrl = await page.GetByTestId("connect-url").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var employerPage = await page.Context.NewPageAsync();
        await employerPage.GotoAsync(connectUrl);
        await EmployerConnect.CompleteAsync(employerPage, entities);
        await employerPage.CloseAsync();

        var list = ListUrl(providerId, customer);
        await page.GotoAsync(list);
        var row = page.GetByTestId("connection-grid").Locator("tbody tr").First;
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(entities.ToString());
        await row.GetByTestId("company-link").ClickAsync();
        await Expect(page.GetByTestId("entities-grid").Locator("tbody tr")).ToHaveCountAsync(entities);
        // The new connection's initial sync ends a few seconds later with a webhook that reloads the page; the tests
        // start after it, so their selections and dialogs are not caught by that reload.
        await Expect(page.GetByTestId("initial-import")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        return list;
    }

    private static string ListUrl(string providerId, string customer, string tab = "live") =>
        $"/connections?tab={tab}&sort=connected&dir=desc&provider={providerId}&customer={customer}";

    [Fact]
    public async Task Disconnecting_one_entity_shows_in_the_history_and_on_another_users_list_at_once()
    {
        var page = await app.SignInAsync("manager@demo.local");
        var list = await ConnectAsync(page, "Globex Retail", "Paychex Flex", entities: 2, "paychex_flex", "globex");

        // Someone else watches the Connections list in their own browser.
        var observer = await app.SignInAsync("admin@demo.local");
        await observer.GotoAsync(list);
        var watchedCount = observer.GetByTestId("connection-grid").Locator("tbody tr").First.Locator("td").Nth(3);
        await Expect(watchedCount).ToHaveTextAsync("2");

        var entities = page.GetByTestId("entities-grid").Locator("tbody tr");
        var entityName = (await entities.First.Locator("td").Nth(1).InnerTextAsync()).Trim();
        var entityId = (await entities.First.Locator("td").Nth(2).InnerTextAsync()).Trim();
        await Expect(page.GetByTestId("disconnect-selected-entities")).ToBeDisabledAsync();
        await entities.First.GetByTestId("select-entity").ClickAsync();
        var dialog = await page.GetByTestId("disconnect-selected-entities").OpenDialogAsync();
        await Expect(dialog).ToContainTextAsync("access token stays valid");
        await Expect(dialog).ToContainTextAsync("Billing does not stop");
        await Expect(dialog.GetByTestId("entities-to-disconnect")).ToContainTextAsync(entityName);
        await Expect(dialog.GetByTestId("entities-to-disconnect")).ToContainTextAsync(entityId);
        await Expect(dialog.GetByTestId("all-entities-selected")).ToHaveCountAsync(0);
        await dialog.GetByTestId("confirm-disconnect-entities").ClickAsync();
        await app.ExpectClosedAsync(dialog);

        await Expect(page.GetByTestId("timeline")).ToContainTextAsync($"Disconnected {entityName} through Finch");
        var disconnectedRow = page.GetByTestId("entities-grid").Locator("tbody tr", new() { HasText = entityId });
        await Expect(disconnectedRow.GetByTestId("status-badge")).ToHaveTextAsync("Disconnected");
        await Expect(disconnectedRow).ToContainTextAsync("by Max Manager");
        await Expect(page.GetByTestId("select-entity")).ToHaveCountAsync(1);

        // The observer's list follows without a reload.
        await Expect(watchedCount).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Disconnecting_a_connection_needs_the_typed_name_and_moves_it_to_the_Disconnected_tab()
    {
        var page = await app.SignInAsync("manager@demo.local");
        await ConnectAsync(page, "Acme Manufacturing", "Paychex Flex", entities: 1, "paychex_flex", "acme");
        var connectionPage = page.Url;

        var dialog = await page.GetByTestId("open-disconnect-connection").OpenDialogAsync();
        await Expect(dialog.GetByLabel("Reason (required)")).ToBeFocusedAsync();
        await Expect(dialog).ToContainTextAsync("This is permanent.");
        var name = (await dialog.GetByTestId("confirmation-name").InnerTextAsync()).Trim();

        // A reason but the wrong name: refused in the dialog, the reason kept.
        await dialog.GetByTestId("disconnect-reason").FillAsync("Employer moved payroll in-house");
        await dialog.GetByTestId("disconnect-confirmation").FillAsync(name.ToUpperInvariant() + "X");
        await dialog.GetByTestId("confirm-disconnect-connection").ClickAsync();
        await Expect(dialog.GetByTestId("disconnect-confirmation")).ToHaveAccessibleDescriptionAsync($"Type the company name exactly as shown: {name}");
        await Expect(dialog.GetByTestId("disconnect-reason")).ToHaveAccessibleDescriptionAsync("");
        await Expect(dialog.GetByTestId("disconnect-reason")).ToHaveValueAsync("Employer moved payroll in-house");

        // Typed exactly, submitted from the keyboard.
        await dialog.GetByTestId("disconnect-confirmation").FillAsync(name);
        await dialog.GetByTestId("disconnect-confirmation").PressAsync("Enter");
        await app.ExpectClosedAsync(dialog);

        var banner = page.GetByTestId("disconnected-banner");
        await Expect(banner).ToContainTextAsync("Disconnected by Max Manager on");
        await Expect(banner).ToContainTextAsync("Employer moved payroll in-house");
        await Expect(page.GetByTestId("danger-zone")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("refresh-from-finch")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("select-entity")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Reason: Employer moved payroll in-house");

        await page.GotoAsync(ListUrl("paychex_flex", "acme", tab: "disconnected"));
        var row = page.GetByTestId("connection-grid").Locator("tbody tr").First;
        await Expect(row.GetByTestId("company-link")).ToContainTextAsync(name);
        await row.GetByTestId("company-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(new Uri(connectionPage).AbsolutePath)));
    }

    [Fact]
    public async Task On_a_connection_in_reauth_the_disconnect_dialogs_offer_reauthentication_first_and_its_link_repairs_the_connection()
    {
        var page = await app.SignInAsync("manager@demo.local");
        await ConnectAsync(page, "Initech Software", "Paychex Flex", entities: 2, "paychex_flex", "initech");
        var connectionPage = page.Url;
        var finchConnectionId = (await page.Locator(".fact", new() { HasText = "Connection ID" }).Locator(".mono").InnerTextAsync()).Trim();
        await Expect(page.GetByTestId("connection-environment")).ToHaveTextAsync("Sandbox");
        await app.SetConnectionStatusAsync(finchConnectionId, "reauth");
        await page.GetByTestId("refresh-from-finch").ClickAsync();
        await Expect(page.GetByTestId("connection-header").GetByTestId("status-badge")).ToHaveTextAsync("Re-auth");

        // Removing an entity: the dialog says first that re-auth is not a disconnect, and offers no disconnect yet.
        await page.GetByTestId("entities-grid").Locator("tbody tr").First.GetByTestId("select-entity").ClickAsync();
        var entitiesDialog = await page.GetByTestId("disconnect-selected-entities").OpenDialogAsync();
        await Expect(entitiesDialog.GetByTestId("reauth-first")).ToContainTextAsync("This connection needs re-authentication, which is not a disconnect.");
        await Expect(entitiesDialog.GetByTestId("reauth-instead")).ToBeFocusedAsync();
        await Expect(entitiesDialog.GetByTestId("confirm-disconnect-entities")).ToHaveCountAsync(0);
        await entitiesDialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await app.ExpectClosedAsync(entitiesDialog);

        // Ending the connection: the same, with the reauthentication link as the first action.
        var dialog = await page.GetByTestId("open-disconnect-connection").OpenDialogAsync();
        await Expect(dialog.GetByTestId("reauth-first")).ToContainTextAsync("This connection needs re-authentication, which is not a disconnect.");
        await Expect(dialog.GetByTestId("reauth-instead")).ToBeFocusedAsync();
        await Expect(dialog.GetByTestId("disconnect-reason")).ToHaveCountAsync(0);
        await dialog.GetByTestId("reauth-instead").ClickAsync();

        // The reauthentication dialog takes its place, and its link repairs the connection.
        await page.GetByTestId("create-reauth-link").ClickAsync();
        await Expect(page.GetByTestId("connect-url")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var reauthUrl = await page.GetByTestId("connect-url").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        var employer = await page.Context.NewPageAsync();
        await employer.GotoAsync(reauthUrl);
        await EmployerConnect.CompleteAsync(employer, entities: 2);
        await Expect(employer.GetByTestId("connect-outcome")).ToHaveTextAsync("Your connection is repaired");

        await page.GotoAsync(connectionPage);
        await Expect(page.GetByTestId("connection-header").GetByTestId("status-badge")).ToHaveTextAsync("Connected");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Reauthenticated through Finch Connect");
        await Expect(page.GetByTestId("disconnected-banner")).ToHaveCountAsync(0);
    }
}
