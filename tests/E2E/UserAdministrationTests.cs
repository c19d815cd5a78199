using System.Text.RegularExpressions;
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
        await Expect(peo.GetByTestId("pager")).ToContainTextAsync("of 8");

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

    [Fact]
    public async Task The_audit_logs_page_and_page_size_live_in_the_URL()
    {
        // Each deactivation and reactivation is a record: 26 of them and the log has more than one page of 25.
        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/admin/users");
        for (var i = 0; i < 13; i++)
        {
            await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate Sam Support" }).ClickAsync();
            await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Reactivate Sam Support" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate Sam Support" })).ToBeVisibleAsync();
        }

        await admin.GotoAsync("/admin/audit?size=25");
        var rows = admin.GetByTestId("audit-grid").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(25);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/admin/audit\?page=2&size=25$"));
        await Expect(admin.GetByText(new Regex(@"^26-\d+ of \d+$"))).ToBeVisibleAsync();

        await admin.ReloadAsync();
        await Expect(admin.GetByText(new Regex(@"^26-\d+ of \d+$"))).ToBeVisibleAsync();

        await admin.GoBackAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/admin/audit\?size=25$"));
        await Expect(admin.GetByText(new Regex(@"^1-25 of \d+$"))).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(25);
    }
}
