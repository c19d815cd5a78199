using Microsoft.Playwright;

namespace FinchDashboard.Benchmark;

/// <summary>
/// Debian's Chromium as the browser benchmarks drive it, and the dashboard's sign-in form. Shared with
/// tools/LiveBenchmark as a linked file.
/// </summary>
public static class DemoBrowser
{
    private static readonly string[] QuietArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <param name="extraArgs">Further Chromium switches, after the ones every benchmark uses.</param>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, params string[] extraArgs) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Args = [.. QuietArgs, .. extraArgs],
        });

    /// <summary>Signs in on <paramref name="page"/>; for a user whose role needs no second step.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
