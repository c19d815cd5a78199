using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>Two-step sign-in in Chromium, for an admin of its own so the demo users others rely on stay as they are.</summary>
[Collection(nameof(DemoDashboardForProbing))]
public sealed class MfaEnrolmentTests(BrowserFixture app)
{
    private const string Password = "Nina-New-Admin-2026";

    [Fact]
    public async Task A_new_admin_sets_up_an_authenticator_from_the_QR_code_page_then_signs_in_with_its_code()
    {
        var email = $"nina-{Guid.NewGuid():N}@demo.local";
        var admin = await app.SignInAsync("admin@demo.local");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        var editor = await admin.GetByTestId("add-user").OpenDialogAsync();
        await editor.GetByLabel("Email (they sign in with it)").FillAsync(email);
        await editor.GetByLabel("Display name").FillAsync("Nina New-Admin");
        await editor.GetByLabel("Admin", new() { Exact = true }).CheckAsync();
        await editor.GetByText("I will type it").ClickAsync();
        await editor.GetByLabel("Initial password").FillAsync(Password);
        await editor.GetByTestId("save-user").ClickAsync();
        await app.ExpectClosedAsync(editor);
        var row = admin.GetByTestId("user-grid").Locator("tbody tr").Filter(new() { HasText = email });
        await Expect(row.GetByTestId("user-mfa")).ToHaveTextAsync("At next sign-in");

        // After the right password, setting up the app is all there is: no page opens without it.
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/mfa"));
        await page.GotoAsync("/connections");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fconnections"));
        await page.GotoAsync("/account/mfa");

        await Expect(page.GetByTestId("mfa-required")).ToContainTextAsync("Your role needs two-step sign-in");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code that adds FinchDashboard to an authenticator app" })).ToBeVisibleAsync();
        // The QR code is a data: image; the page's content security policy must let it load, not only render the tag.
        await Expect(page.GetByTestId("authenticator-qr")).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("authenticator-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"),
            "The QR code did not load");
        var key = await page.GetByTestId("authenticator-key").InnerTextAsync();
        await page.GetByLabel("Code from the app").FillAsync(await app.Authenticator.NextCodeAsync(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();

        await Expect(page.GetByTestId("recovery-code")).ToHaveCountAsync(10);
        await Expect(page.GetByText("Store these recovery codes now.")).ToBeVisibleAsync();
        var problems = await AccessibilityTests.SeriousViolationsAsync(page, "/account/mfa (recovery codes)");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Nina New-Admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await app.SignInAsync(page, email, Password, key);

        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Nina New-Admin");
        await admin.ReloadAsync();
        await Expect(row.GetByTestId("user-mfa")).ToHaveTextAsync("On");
    }

    [Fact]
    public async Task The_account_menu_opens_two_step_sign_in_and_it_shows_the_same_key_each_time()
    {
        var page = await app.SignInAsync("support@demo.local");

        await BrowserFixture.OpenMenuAsync(page.GetByRole(AriaRole.Button, new() { Name = "Your account" }), page.GetByTestId("mfa-link"));
        await page.GetByTestId("mfa-link").ClickAsync();
        var key = page.GetByTestId("authenticator-key");
        await Expect(key).ToBeVisibleAsync();
        var first = await key.InnerTextAsync();
        await page.ReloadAsync();

        // The page makes the key on the first visit and keeps it until the app is confirmed, so the QR code stays valid.
        await Expect(key).ToHaveTextAsync(first);
    }
}
