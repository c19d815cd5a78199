using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>
/// Hostile URL parameters on every routable page and endpoint, for every role. Pages run in a Blazor circuit, so each
/// is opened inside one, the way a pasted link is followed, and the circuit must survive it; static pages and
/// endpoints are requested with the role's cookie and must not answer 5xx. Parsing a parameter does not depend on who
/// asks, but the query it feeds is scoped by role, so the hostile values are dealt out among the roles: every value
/// meets every page and endpoint once, and every role meets every page and endpoint, in a fifth of the time that
/// every role trying every value took.
/// </summary>
[Collection(nameof(DemoDashboardForProbing))]
public sealed class UrlFuzzTests(BrowserFixture app, ITestOutputHelper output)
{
    /// <summary>Out of range, malformed, oversized, injected and mis-encoded: what a parser meets when it meets anything.</summary>
    private static readonly string[] Values =
    [
        "", " ", "-1", "0", "2147483648", "99999999999999999999", "1e308", "NaN",
        "9999-12-31", "0001-01-01", "2026-02-30", "1970-13-45T25:61",
        "\0", "<script>alert(1)</script>", "' OR '1'='1", "ünï©ødé💥", "a,b,,c,", "../../etc/passwd",
        new string('x', 300),
    ];

    /// <summary>Every parameter a page or endpoint reads, and one nobody reads.</summary>
    private static readonly string[] ConnectionListParameters =
    [
        "tab", "q", "sort", "dir", "page", "size", "status", "provider", "type", "company", "connection_id", "customer",
        "entities_min", "entities_max", "synced_from", "synced_to", "connected_from", "connected_to", "action", "unknown",
    ];

    private static readonly string[] AuditLogParameters = ["action", "outcome", "who", "employer", "from", "to", "page", "size", "unknown"];

    /// <summary>Pages that read no parameter still get them: one long, hostile value each.</summary>
    private static readonly string[] OtherPages =
    [
        "/", "/triage", "/your-connections", "/employers", "/admin/users", "/admin/system", "/webhooks", "/health-checks",
        "/account/access-denied", "/not-found", $"/connections/{Guid.Empty}",
        "/bank-accounts", "/bank-accounts/linked", $"/employers/{Guid.Empty}",
    ];

    private static readonly string[] RoleEmails =
        ["admin@demo.local", "manager@demo.local", "support@demo.local", "employer@demo.local", "peo@demo.local"];

    public static TheoryData<string> Roles => [.. RoleEmails];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task No_url_parameter_breaks_a_page_or_makes_an_endpoint_fail(string email)
    {
        var page = await app.SignInAsync(email);
        var failures = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("circuit", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"console: {message.Text}");
            }
        };
        await page.GotoAsync("/connections");
        await Expect(page.GetByRole(AriaRole.Heading).First).ToBeVisibleAsync();
        var circuitPages = 0;
        var requests = 0;

        var share = Array.IndexOf(RoleEmails, email);
        foreach (var value in Values.Where((_, index) => index % RoleEmails.Length == share))
        {
            await InCircuitAsync(page, "/connections" + Query(ConnectionListParameters, value), failures);
            await InCircuitAsync(page, "/admin/audit" + Query(AuditLogParameters, value), failures);
            circuitPages += 2;
            foreach (var url in new[]
            {
                "/connections/export" + Query(ConnectionListParameters, value),
                "/finch/callback" + Query(["code", "state", "error"], value),
                "/connect/done" + Query(["outcome"], value),
                "/account/login" + Query(["ReturnUrl"], value),
            })
            {
                await RequestAsync(page, url, failures);
                requests++;
            }
        }

        foreach (var path in OtherPages)
        {
            await InCircuitAsync(page, path + Query(["q", "page", "unknown"], "<script>alert(1)</script>" + new string('x', 300)), failures);
            circuitPages++;
        }

        foreach (var path in new[] { "/connections/not-a-guid", "/connections/%00", $"/connections/{new string('9', 400)}", "/healthz?x=%00" })
        {
            await RequestAsync(page, path, failures);
            requests++;
        }

        output.WriteLine($"{email}: {circuitPages} pages opened in a circuit, {requests} HTTP requests");
        Assert.True(failures.Count == 0, $"{email}:\n{string.Join("\n", failures)}");
    }

    private static string Query(IEnumerable<string> names, string value) =>
        "?" + string.Join('&', names.Select(name => $"{name}={Uri.EscapeDataString(value)}"));

    /// <summary>
    /// Follows <paramref name="url"/> inside the open circuit, as a link in the app would, then gives the page time to
    /// load its data; an unhandled exception shows Blazor's error bar and ends the circuit, so the page is reloaded.
    /// </summary>
    private async Task InCircuitAsync(IPage page, string url, List<string> failures)
    {
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", url);
        await Expect(page.Locator("main")).Not.ToBeEmptyAsync();
        await page.WaitForTimeoutAsync(200);
        if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
        {
            failures.Add($"circuit broken by {Shorten(url)}");
            await page.GotoAsync("/connections");
        }
    }

    private static async Task RequestAsync(IPage page, string url, List<string> failures)
    {
        var response = await page.Context.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
        if (response.Status >= 500)
        {
            failures.Add($"{response.Status} from {Shorten(url)}");
        }
    }

    private static string Shorten(string url) => url.Length > 200 ? url[..200] + "…" : url;
}
