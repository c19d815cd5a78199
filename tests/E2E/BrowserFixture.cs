using FinchDashboard.Tests;
using Microsoft.Playwright;

namespace FinchDashboard.E2E;

/// <summary>A running dashboard on its own database and Debian's Chromium driven by Playwright.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "Finch-Demo-2026";

    /// <summary>The published authenticator key of the demo users whose role requires two-step sign-in (README).</summary>
    public const string DemoAuthenticatorKey = "FINCHDEMOTOTPSECRETFORTHEDEMOXYZ";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _signedIn = new();
    private IPlaywright? _playwright;

    public DashboardProcess Dashboard { get; private set; } = default!;

    /// <summary>Chosen before anything starts, so the emulator can be told where to send webhooks.</summary>
    protected int DashboardPort { get; } = AppProcess.FreePort();

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The authenticator app of this dashboard's users: it gives each code once, as the dashboard accepts them.</summary>
    public AuthenticatorApp Authenticator { get; } = new();

    public async Task InitializeAsync()
    {
        // Assertions wait as long as actions do: on a 2-core machine running several browsers, a circuit can take
        // more than Playwright's default 5 s to first render.
        Assertions.SetDefaultExpectTimeout(15_000);
        Dashboard = await DashboardProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2e"), await DashboardSettingsAsync(), DashboardPort);
        await DashboardStartedAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium-headless-shell",
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>Settings for the dashboard process; none by default, so Finch is unreachable and demo data stays as seeded.</summary>
    protected virtual Task<IReadOnlyDictionary<string, string>> DashboardSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Runs once the dashboard answers, before any test of the class.</summary>
    protected virtual Task DashboardStartedAsync() => Task.CompletedTask;

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Dashboard.BaseUrl });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A new browser context signed in as <paramref name="email"/>, on the page sign-in lands on. A demo user signs in
    /// through the form once per dashboard; later contexts start with that sign-in's cookies, as a second tab would. Each
    /// two-step sign-in spends an authenticator code the dashboard accepts once, and three a half minute is all there is:
    /// signing in afresh for every test of a class made the tests wait for the clock. Tests of signing in itself use
    /// <see cref="SignInAsync(IPage, string, string, string)"/>, which always goes through the form.
    /// </summary>
    /// <param name="authenticatorKey">Used when the user has two-step sign-in; the demo users' key by default.</param>
    public async Task<IPage> SignInAsync(string email, string password = DemoPassword, string authenticatorKey = DemoAuthenticatorKey)
    {
        if (password == DemoPassword && authenticatorKey == DemoAuthenticatorKey && _signedIn.TryGetValue(email, out var state))
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Dashboard.BaseUrl, StorageState = state });
            context.SetDefaultTimeout(15_000);
            var signedIn = await context.NewPageAsync();
            await signedIn.GotoAsync("/");
            if (!new Uri(signedIn.Url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal))
            {
                return signedIn;
            }

            // The session ended (a test signed this user out everywhere): sign in again, and keep that instead.
            await signedIn.Context.CloseAsync();
        }

        var page = await NewPageAsync();
        await SignInAsync(page, email, password, authenticatorKey);
        if (password == DemoPassword && authenticatorKey == DemoAuthenticatorKey)
        {
            _signedIn[email] = await page.Context.StorageStateAsync();
        }

        return page;
    }

    /// <summary>Signs in through the sign-in form, with the authenticator app's next code when the second step asks for one.</summary>
    public async Task SignInAsync(IPage page, string email, string password = DemoPassword, string authenticatorKey = DemoAuthenticatorKey)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Commit, not load: the form's answer can arrive as an enhanced navigation, which fires no load event.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        if (new Uri(page.Url).AbsolutePath == "/account/login-2fa")
        {
            await EnterAuthenticatorCodeAsync(page, authenticatorKey);
        }
    }

    /// <summary>Answers the two-step sign-in page with the authenticator app's next code, and waits to be signed in.</summary>
    public async Task EnterAuthenticatorCodeAsync(IPage page, string authenticatorKey = DemoAuthenticatorKey)
    {
        await page.GetByLabel("Authenticator code").FillAsync(await Authenticator.NextCodeAsync(authenticatorKey));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Opens a menu and waits for <paramref name="item"/>. A click that lands before the page's circuit is connected
    /// does nothing, as it would for a person, who clicks again; so does this, until the item shows.
    /// </summary>
    public static async Task OpenMenuAsync(ILocator activator, ILocator item)
    {
        for (var attempt = 1; ; attempt++)
        {
            await activator.ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 10)
            {
            }
        }
    }

    /// <summary>
    /// Waits for <paramref name="dialog"/> to close after its action; if it stays open, fails with what it says and the
    /// dashboard's latest warnings, which name the cause where the bare assertion would not.
    /// </summary>
    public async Task ExpectClosedAsync(ILocator dialog, float? timeout = null)
    {
        try
        {
            await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = timeout });
        }
        catch (PlaywrightException e)
        {
            var text = await dialog.AllInnerTextsAsync();
            var fields = await dialog.Locator("input, textarea").EvaluateAllAsync<string[]>("fields => fields.map(f => `${f.id}=${f.value}`)");
            var log = Dashboard.Output;
            throw new InvalidOperationException(
                $"The dialog stayed open, showing: {string.Join(" | ", text)}\nFields: {string.Join(", ", fields)}\n" +
                $"Dashboard log (end):\n{log[Math.Max(0, log.Length - 4000)..]}", e);
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Dashboard.DisposeAsync();
    }
}

/// <summary>
/// Test classes that only read the demo data share a dashboard: starting one takes longer than most of their tests. A
/// class that changes what others read (user administration, a restart) keeps a dashboard of its own. The readers are
/// split over three dashboards of about equal run time, because xunit runs the classes of one collection one after
/// another, and one collection holding them all was the whole run's longest path.
/// </summary>
[CollectionDefinition(nameof(DemoDashboard))]
public sealed class DemoDashboard : ICollectionFixture<BrowserFixture>;

/// <summary>Every page as every role, through axe: the longest-running readers, on a dashboard of their own.</summary>
[CollectionDefinition(nameof(DemoDashboardForAccessibility))]
public sealed class DemoDashboardForAccessibility : ICollectionFixture<BrowserFixture>;

/// <summary>The readers that probe the edges: malformed URLs, other tenants' ids, two-step sign-in.</summary>
[CollectionDefinition(nameof(DemoDashboardForProbing))]
public sealed class DemoDashboardForProbing : ICollectionFixture<BrowserFixture>;
