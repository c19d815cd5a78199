using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>"Sync now" on a connection's page: Finch's job runs in the emulator and its webhook moves the page.</summary>
[Collection(nameof(DemoDashboardWithFinch))]
public sealed class SyncJobTests(FinchBrowserFixture app)
{
    [Fact]
    public async Task Sync_now_runs_a_job_to_completion_and_moves_last_synced_with_one_job_list_call()
    {
        var page = await app.SignInAsync("admin@demo.local");
        await page.GotoAsync("/connections?size=100");
        var row = page.GetByTestId("connection-grid").Locator("tbody tr")
            .Filter(new() { Has = page.GetByTestId("status-badge").GetByText("Connected", new() { Exact = true }) }).First;
        var finchConnectionId = (await row.Locator("td").Nth(1).Locator("span.mono").GetAttributeAsync("title"))!;
        await row.GetByTestId("company-link").ClickAsync();

        // The demo connection's initial sync may still run; its webhook enables the button without a reload.
        var syncNow = page.GetByTestId("sync-now");
        await Expect(syncNow).ToBeEnabledAsync(new() { Timeout = 30_000 });
        var lastSynced = page.GetByTestId("last-synced").Locator("time");
        await Expect(lastSynced).ToHaveCountAsync(1);
        var before = await lastSynced.GetAttributeAsync("datetime");

        await syncNow.ClickAsync();

        var newest = page.GetByTestId("jobs-grid").Locator("tbody tr").First;
        await Expect(newest).ToContainTextAsync("Ada Admin");
        await Expect(newest.GetByTestId("job-status")).ToHaveTextAsync("Complete", new() { Timeout = 30_000 });
        await Expect(lastSynced).Not.ToHaveAttributeAsync("datetime", before!);
        Assert.True(DateTimeOffset.Parse((await lastSynced.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.Parse(before!, System.Globalization.CultureInfo.InvariantCulture));
        await Expect(syncNow).ToBeDisabledAsync();
        await Expect(page.GetByTestId("sync-availability")).ToContainTextAsync("Finch allows the next sync");

        // The page view asked Finch for the job list once; Sync now once; the rest came by webhook.
        var calls = await app.RequestsOfAsync(finchConnectionId);
        Assert.Equal(1, calls.Count(c => c == "GET /jobs/automated"));
        Assert.Equal(1, calls.Count(c => c == "POST /jobs/automated"));
    }
}
