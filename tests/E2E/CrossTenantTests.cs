using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>
/// Another employer's ids in the browser: the page says "not found", and the admin finds the attempt in the audit log,
/// whose filters live in the URL so a reload or Back keeps them. The filters are comboboxes: what they show is their value.
/// </summary>
[Collection(nameof(DemoDashboardForProbing))]
public sealed class CrossTenantTests(BrowserFixture app)
{
    [Fact]
    public async Task An_employer_admin_opening_another_employers_connection_gets_not_found_and_the_attempt_is_audited()
    {
        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GotoAsync("/connections?customer=stark");
        var starkConnection = await admin.GetByTestId("company-link").First.GetAttributeAsync("href");
        Assert.NotNull(starkConnection);

        var employer = await app.SignInAsync("employer@demo.local");
        await employer.GotoAsync("/" + starkConnection);
        await Expect(employer.GetByRole(AriaRole.Heading, new() { Name = "Connection not found" })).ToBeVisibleAsync();
        await Expect(employer.GetByText("Stark")).ToHaveCountAsync(0);

        await admin.GotoAsync("/admin/audit?action=OutOfScopeAccess&outcome=denied");
        await Expect(admin.GetByTestId("audit-action")).ToHaveValueAsync("Out of scope access");
        await Expect(admin.GetByTestId("audit-outcome")).ToHaveValueAsync("Denied");
        await ExpectOnlyTheAttemptAsync(admin);
        await Expect(admin.Locator("body")).ToContainTextAsync("outside their scope");

        await admin.GetByRole(AriaRole.Combobox, new() { Name = "Employer", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Stark Logistics" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("employer=[0-9a-f-]{36}"));
        await admin.GetByLabel("Actor", new() { Exact = true }).PressSequentiallyAsync("erin");
        await Expect(admin).ToHaveURLAsync(new Regex("who=erin"));

        await admin.ReloadAsync();
        await Expect(admin.GetByLabel("Actor", new() { Exact = true })).ToHaveValueAsync("erin");
        await Expect(admin.GetByTestId("audit-employer")).ToHaveValueAsync("Stark Logistics");
        await Expect(admin.GetByTestId("audit-action")).ToHaveValueAsync("Out of scope access");
        await Expect(admin.GetByTestId("audit-outcome")).ToHaveValueAsync("Denied");
        await ExpectOnlyTheAttemptAsync(admin);

        // Typing a name is one step in the history, not one per letter.
        await admin.GoBackAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/admin/audit\?action=OutOfScopeAccess&outcome=denied&employer=[0-9a-f-]{36}$"));
        await Expect(admin.GetByLabel("Actor", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(admin.GetByTestId("audit-employer")).ToHaveValueAsync("Stark Logistics");
        await ExpectOnlyTheAttemptAsync(admin);

        await admin.GoBackAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/admin/audit\?action=OutOfScopeAccess&outcome=denied$"));
        await Expect(admin.GetByTestId("audit-employer")).ToHaveValueAsync("");
        await Expect(admin.GetByTestId("audit-action")).ToHaveValueAsync("Out of scope access");
        await ExpectOnlyTheAttemptAsync(admin);
    }

    private static async Task ExpectOnlyTheAttemptAsync(IPage admin)
    {
        var rows = admin.GetByTestId("audit-grid").Locator("tbody tr");
        await Expect(rows.First).ToContainTextAsync("Erin Employer");
        await Expect(rows.Filter(new() { HasNotText = "Out of scope access" })).ToHaveCountAsync(0);
    }
}
