using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>
/// axe-core in Chromium over every page each role reaches from its menu, plus a connection's page and the sign-in pages,
/// in the light theme here and the dark theme in <see cref="DarkThemeAccessibilityTests"/>. Serious and critical
/// violations fail the test; each is listed with where it is.
/// </summary>
[Collection(nameof(DemoDashboardForAccessibility))]
public sealed class AccessibilityTests(BrowserFixture app)
{
    [Theory]
    [InlineData("admin@demo.local")]
    [InlineData("manager@demo.local")]
    [InlineData("support@demo.local")]
    [InlineData("employer@demo.local")]
    public Task Every_page_a_role_reaches_has_no_serious_accessibility_violation(string email) => EveryPageAsync(app, email, dark: false);

    [Fact]
    public Task The_sign_in_page_has_no_serious_accessibility_violation() => SignInPageAsync(app, dark: false);

    [Fact]
    public Task The_two_step_sign_in_pages_have_no_serious_accessibility_violation() => TwoStepPagesAsync(app, dark: false);

    internal static async Task EveryPageAsync(BrowserFixture app, string email, bool dark)
    {
        var page = await app.SignInAsync(email);
        if (dark)
        {
            await UseDarkThemeAsync(app, page);
        }

        var paths = await MenuPathsAsync(page);
        Assert.NotEmpty(paths);
        await page.GotoAsync("/connections");
        await Expect(page.GetByTestId("company-link").First).ToBeVisibleAsync();
        paths.Add(new Uri(new Uri(app.Dashboard.BaseUrl), await page.GetByTestId("company-link").First.GetAttributeAsync("href")).AbsolutePath);

        var problems = new List<string>();
        foreach (var path in paths)
        {
            await FollowInCircuitAsync(page, path);
            problems.AddRange(await SeriousViolationsAsync(page, path, dark ? ContrastOnly : null));
        }

        Assert.True(problems.Count == 0, $"{email} ({(dark ? "dark" : "light")} theme):\n{string.Join("\n", problems)}");
    }

    internal static async Task SignInPageAsync(BrowserFixture app, bool dark)
    {
        var page = await app.NewPageAsync();
        if (dark)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "finch-theme", Value = "dark", Url = app.Dashboard.BaseUrl }]);
        }

        await page.GotoAsync("/account/login");
        var problems = await SeriousViolationsAsync(page, "/account/login");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    internal static async Task TwoStepPagesAsync(BrowserFixture app, bool dark)
    {
        var problems = new List<string>();
        var signingIn = await app.NewPageAsync();
        if (dark)
        {
            await UseDarkThemeAsync(app, signingIn);
        }

        await signingIn.GotoAsync("/account/login");
        await signingIn.GetByLabel("Email").FillAsync("admin@demo.local");
        await signingIn.GetByLabel("Password").FillAsync(BrowserFixture.DemoPassword);
        await signingIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(signingIn).ToHaveURLAsync(new Regex("/account/login-2fa"));
        problems.AddRange(await SeriousViolationsAsync(signingIn, "/account/login-2fa"));
        await signingIn.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await Expect(signingIn).ToHaveURLAsync(new Regex("/account/login-recovery"));
        problems.AddRange(await SeriousViolationsAsync(signingIn, "/account/login-recovery"));

        // Setting up an app (Support, for whom it is optional) and the page of someone who has it on.
        foreach (var email in new[] { "support@demo.local", "admin@demo.local" })
        {
            var page = await app.SignInAsync(email);
            if (dark)
            {
                await UseDarkThemeAsync(app, page);
            }

            // The page renders statically, so the link loads it afresh: wait for it, not for the address.
            await BrowserFixture.OpenMenuAsync(page.GetByRole(AriaRole.Button, new() { Name = "Your account" }), page.GetByTestId("mfa-link"));
            await page.GetByTestId("mfa-link").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-step sign-in" })).ToBeVisibleAsync();
            problems.AddRange(await SeriousViolationsAsync(page, $"/account/mfa ({email})"));
        }

        Assert.True(problems.Count == 0, $"{(dark ? "dark" : "light")} theme:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_the_choice_survives_a_reload()
    {
        var page = await app.SignInAsync("support@demo.local");
        await page.GotoAsync("/employers");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" });

        await toggle.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        var darkBackground = await BackgroundAsync(page);
        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        Assert.Equal(darkBackground, await BackgroundAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" })).ToBeVisibleAsync();
        Assert.NotEqual(darkBackground, await BackgroundAsync(page));
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static async Task UseDarkThemeAsync(BrowserFixture app, IPage page) =>
        await page.Context.AddCookiesAsync([new Cookie { Name = "finch-theme", Value = "dark", Url = app.Dashboard.BaseUrl }]);

    /// <summary>The distinct pages the navigation links to, as the signed-in role sees it.</summary>
    private static async Task<List<string>> MenuPathsAsync(IPage page)
    {
        await page.GotoAsync("/employers");
        var links = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link);
        await Expect(links.First).ToBeVisibleAsync();
        var hrefs = await links.EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        return [.. hrefs.Distinct()];
    }

    /// <summary>
    /// Opens a page inside the open circuit, as following its menu link does: one render instead of a page load and a
    /// new circuit. The headings on screen are marked first, so the check waits for the new page's own.
    /// </summary>
    private static async Task FollowInCircuitAsync(IPage page, string path)
    {
        if (new Uri(page.Url).AbsolutePath == path)
        {
            return;
        }

        await page.EvaluateAsync("path => { document.querySelectorAll('h1').forEach(h => h.dataset.left = ''); Blazor.navigateTo(path); }", path);
        await Expect(page.Locator("h1:not([data-left])").First).ToBeVisibleAsync();
    }

    /// <summary>
    /// The dark theme changes colours only: the light pass over the same pages has checked everything else, and contrast
    /// is the rule a theme can break.
    /// </summary>
    private static readonly AxeRunOptions ContrastOnly = new() { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } };

    /// <summary>Runs axe (every rule unless <paramref name="options"/> narrow it) once the page has drawn its heading and finished loading what it shows.</summary>
    internal static async Task<List<string>> SeriousViolationsAsync(IPage page, string path, AxeRunOptions? options = null)
    {
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        var result = await page.RunAxe(options);
        return [.. result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{path}: {v.Impact} {v.Id} ({v.Help}) at {n.Target}: {Shorten(n.Html)}"))];
    }

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
