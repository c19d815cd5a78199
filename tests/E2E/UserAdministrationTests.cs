using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>User administration in Chromium; a fixture of its own, because it changes the demo users.</summary>
public sealed class UserAdministrationTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static ILocator WayneRows(IPage page) =>
        page.GetByTestId("connection-grid").Locator("tbody tr").Filter(new() { HasText = "Wayne Hospitality" });

    [Fact]
    public async Task An_admin_grants_the_PEO_admin_a_third_employer_and_the_PEO_admin_then_sees_its_connections()
    {
        var peoAlreadySignedIn = await app.SignInAsync("peo@demo.local");
        await peoAlreadySignedIn.GotoAsync("/connections?q=Wayne");
        await Expect(peoAlreadySignedIn.GetByText("No connections match this search and these filters.")).ToBeVisibleAsync();

        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.GetByLabel("Search users").FillAsync("peo@");
        await Expect(admin.GetByTestId("user-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Edit Pat PEO" }).OpenDialogAsync();
        await admin.GetByTestId("employer-picker").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Wayne Hospitality" }).ClickAsync();
        await Expect(admin.GetByTestId("granted-employers")).ToContainTextAsync("Wayne Hospitality");
        await admin.GetByTestId("save-user").ClickAsync();
        await Expect(admin.GetByTestId("user-grid").Locator("tbody tr").Filter(new() { HasText = "peo@demo.local" }))
            .ToContainTextAsync("Stark Logistics, Umbrella Health, Wayne Hospitality");

        var peo = await app.SignInAsync("peo@demo.local");
        await peo.GetByRole(AriaRole.Link, new() { Name = "Connections", Exact = true }).ClickAsync();
        await Expect(WayneRows(peo).First).ToBeVisibleAsync();
        await peo.GetByLabel("Search connections").FillAsync("Wayne");
        await peo.GetByLabel("Search connections").PressAsync("Enter");
        await Expect(peo.GetByTestId("pager-summary")).ToContainTextAsync("of 7");

        // A grant does not sign anyone out: the session that was open sees the employer on its next page load.
        await peoAlreadySignedIn.ReloadAsync();
        await Expect(WayneRows(peoAlreadySignedIn).First).ToBeVisibleAsync();

        await admin.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(admin.GetByTestId("audit-grid").Locator("tbody tr").First).ToContainTextAsync("Granted Pat PEO (peo@demo.local) access to Wayne Hospitality");
    }

    [Fact]
    public async Task The_admin_menu_is_only_for_admins()
    {
        var support = await app.SignInAsync("support@demo.local");
        await Expect(support.GetByRole(AriaRole.Link, new() { Name = "Connections", Exact = true })).ToBeVisibleAsync();
        await Expect(support.GetByTestId("nav-admin")).ToHaveCountAsync(0);

        await support.GotoAsync("/admin/users");

        await Expect(support.GetByText("Not available to your role")).ToBeVisibleAsync();
        await Expect(support.GetByTestId("user-grid")).ToHaveCountAsync(0);
    }
}
