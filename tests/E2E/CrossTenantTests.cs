using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Another employer's ids in the browser: the page says "not found", and the admin finds the attempt in the audit log.</summary>
public sealed class CrossTenantTests(BrowserFixture app) : IClassFixture<BrowserFixture>
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

        await admin.GotoAsync("/admin/audit");
        await Expect(admin.GetByText("Erin Employer").First).ToBeVisibleAsync();
        await Expect(admin.Locator("body")).ToContainTextAsync("outside their scope");
    }
}
