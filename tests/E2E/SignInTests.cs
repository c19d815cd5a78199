using System.Collections.Concurrent;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

[Collection(nameof(DemoDashboard))]
public sealed class SignInTests(BrowserFixture app)
{
    [Theory]
    [InlineData("admin@demo.local", "Ada Admin", "Admin", "Overview")]
    [InlineData("manager@demo.local", "Max Manager", "Account manager", "Overview")]
    [InlineData("support@demo.local", "Sam Support", "Support", "Overview")]
    [InlineData("employer@demo.local", "Erin Employer", "Employer admin", "Your connections")]
    [InlineData("peo@demo.local", "Pat PEO", "Employer admin", "Your connections")]
    public async Task Each_demo_user_signs_in_and_sees_their_name_and_role_on_their_landing_page(string email, string name, string role, string landing)
    {
        var page = await app.SignInAsync(email);

        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync(role);
        await Expect(page.GetByTestId("finch-environment")).ToHaveTextAsync("Sandbox");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = landing })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_signs_nobody_in()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("support@demo.local");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("do not match");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("support@demo.local");

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task An_anonymous_visit_to_a_page_lands_on_sign_in_and_returns_there_after()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/employers");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Femployers"));
        await page.GetByLabel("Email").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The return address survives the second step too.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login-2fa\\?ReturnUrl=%2Femployers"));
        await app.EnterAuthenticatorCodeAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Employers" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        // Its own sign-in through the form: signing out ends the session, which no other test's context may share.
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "manager@demo.local");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/employers");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task The_sign_in_page_and_the_connections_page_break_no_content_security_policy_rule()
    {
        var signIn = await app.NewPageAsync();
        var signInConsole = await WatchContentSecurityPolicyAsync(signIn);
        await signIn.GotoAsync("/account/login");
        await Expect(signIn.GetByLabel("Email")).ToBeVisibleAsync();
        var signInReported = await ReportedViolationsAsync(signIn);

        var page = await app.SignInAsync("support@demo.local");
        var pageConsole = await WatchContentSecurityPolicyAsync(page);
        await page.GotoAsync("/connections");
        await Expect(page.GetByTestId("company-link").First).ToBeVisibleAsync();
        // Menus and the theme add styles and elements at run time, inside the policy too.
        await page.GetByTestId("add-filter").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem).First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        var pageReported = await ReportedViolationsAsync(page);

        var violations = signInConsole.Concat(signInReported).Concat(pageConsole).Concat(pageReported).ToList();
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Chromium's own console reports of a refused script, style or connection, collected from now on; every document
    /// the page loads also records its securitypolicyviolation events, read by <see cref="ReportedViolationsAsync"/>.
    /// </summary>
    private static async Task<ConcurrentQueue<string>> WatchContentSecurityPolicyAsync(IPage page)
    {
        var console = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Enqueue($"console: {message.Text}");
            }
        };
        await page.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        return console;
    }

    private static async Task<string[]> ReportedViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.cspViolations");

    [Fact]
    public async Task An_employer_admin_sees_only_their_own_employer()
    {
        var page = await app.SignInAsync("employer@demo.local");

        await page.GotoAsync("/employers");

        var grid = page.GetByTestId("employer-grid");
        await Expect(grid.GetByText("Acme Manufacturing")).ToBeVisibleAsync();
        await Expect(grid.GetByText("Globex Retail")).ToHaveCountAsync(0);
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_PEO_admin_sees_both_granted_employers_and_can_search_them()
    {
        var page = await app.SignInAsync("peo@demo.local");
        await page.GotoAsync("/employers");
        var grid = page.GetByTestId("employer-grid");
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(2);

        await page.GetByLabel("Search employers").FillAsync("stark");

        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(grid.GetByText("Stark Logistics")).ToBeVisibleAsync();

        await page.GetByLabel("Search employers").FillAsync("acme");
        await Expect(grid.GetByText("No employer matches \"acme\".")).ToBeVisibleAsync();
    }
}
