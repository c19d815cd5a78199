using System.Diagnostics;
using System.Globalization;
using FinchDashboard.LiveBenchmark;

// live-benchmark <dashboard url> <connection string> <finch webhook secret> <email> <password> [pages] [webhooks]
// Against a running dashboard in demo mode: opens the pages signed in as <email>, posts the webhooks one at a time and
// times "webhook answered 200 → every page shows the new action-needed total", then the floor: a bare change
// notification that only re-renders each page's heard count.
if (args.Length is < 5 or > 7)
{
    Console.Error.WriteLine("usage: live-benchmark <dashboard url> <connection string> <finch webhook secret> <email> <password> [pages] [webhooks]");
    return 2;
}

var (dashboardUrl, connectionString, webhookSecret, email, password) = (args[0], args[1], args[2], args[3], args[4]);
var pageCount = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 50;
var webhookCount = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 20;
var timeout = TimeSpan.FromSeconds(30);
const double TargetMs = 1_000;
// Two renderer processes for all pages on a 2-core machine, so the browser cannot start more busy processes than there
// are cores; the background switches keep every page rendering as a foreground tab would.
string[] chromiumArgs =
[
    "--renderer-process-limit=2", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
];

await using var changes = new ChangedConnections(connectionString, dashboardUrl, webhookSecret);
// One extra connection for the warm-up round, which pays for JIT and cold caches and is not counted.
var connections = await changes.PickAsync(webhookCount + 1);

Console.WriteLine($"Live push: {pageCount} pages on /connections signed in as {email} (one Blazor circuit each), {webhookCount} webhooks + 1 warm-up");
Console.WriteLine($"Chromium: one browser, one context, {string.Join(' ', chromiumArgs)}");
var opening = Stopwatch.StartNew();
await using var pages = await WatchingPages.OpenAsync(dashboardUrl, email, password, pageCount, chromiumArgs);
Console.WriteLine($"pages open and showing rows after {opening.Elapsed.TotalSeconds:N1} s; CPU priority: {BrowserPriority.Describe()}");
await Task.Delay(TimeSpan.FromSeconds(2));

var before = await pages.ReadAsync();
Console.WriteLine($"visible before measuring: {Visible(before)}");
if (before.Select(p => p.Banner).Distinct().Count() != 1)
{
    Console.Error.WriteLine($"The pages disagree on the action-needed total before any change: {string.Join(", ", before.Select(p => p.Banner))}");
    return 1;
}

var webhookRounds = await pages.ArmAsync(Measure.Banner, connections.Count);
var webhooks = await RunRoundsAsync(webhookRounds, "webhook", changes.NeedsReauthAsync);
var afterWebhooks = await pages.ReadAsync();

Console.WriteLine();
Console.WriteLine($"{"",-58} {"p50",9} {"p95",9} {"max",9}  misses");
Print($"webhook 200 → last of {pageCount} pages shows the new total", webhooks.LastPage);
Print($"webhook 200 → each page ({webhooks.EachPage.Count:N0} page×webhook pairs)", webhooks.EachPage);
Console.WriteLine($"banner total: {before[0].Banner} before, {Describe(afterWebhooks.Select(p => p.Banner))} after (expected {before[0].Banner + connections.Count})");

var exitCode = 0;
Outcome? floor = null;
if (afterWebhooks.Count(p => p.Heard is null) is var silent and > 0)
{
    Console.WriteLine($"floor: NOT MEASURED: {silent} of {pageCount} pages have no live-status element ([data-testid=live-status] with data-heard).");
    exitCode = 1;
}
else
{
    await Task.Delay(TimeSpan.FromSeconds(1));
    var floorRounds = await pages.ArmAsync(Measure.Heard, connections.Count);
    floor = await RunRoundsAsync(floorRounds, "floor notification", changes.DetailsChangedAsync);
    Print($"floor: NOTIFY committed → last of {pageCount} pages' heard count", floor.LastPage);
    Print($"floor: NOTIFY committed → each page ({floor.EachPage.Count:N0} pairs)", floor.EachPage);
}

var after = await pages.ReadAsync();
var notVisibleWhenReached = webhooks.NotVisible + (floor?.NotVisible ?? 0);
Console.WriteLine($"visible after measuring: {Visible(after)}; hidden moments on any page: {after.Sum(p => p.HiddenMoments)}; " +
    $"pages not visible when they showed a change: {notVisibleWhenReached}");

var p95 = Percentile(webhooks.LastPage, 0.95);
if (floor is not null)
{
    var floorP95 = Percentile(floor.LastPage, 0.95);
    Console.WriteLine($"{"p95 ÷ floor p95",-58} {(p95 is { } ours && floorP95 is { } machinery ? (ours / machinery).ToString("N1", CultureInfo.InvariantCulture) + "×" : "n/a"),9}");
}
else
{
    Console.WriteLine($"{"p95 ÷ floor p95",-58} {"n/a",9}  (no floor)");
}

var met = p95 is < TargetMs && after.All(p => p.Visibility == "visible") && notVisibleWhenReached == 0;
Console.WriteLine($"{$"p95 < 1 s at {pageCount} pages",-58} {Ms(p95),9}  {(met ? "met" : "MISSED")}");
return met ? exitCode : 1;

// Each round: make the change, note the wall clock once it is accepted, then wait for every page (or the timeout)
// before the next, so one change's stragglers never overlap the next one's.
async Task<Outcome> RunRoundsAsync(Rounds rounds, string what, Func<ChangedConnection, Task> change)
{
    var lastPage = new List<double?>();
    var eachPage = new List<double?>();
    var notVisible = 0;
    for (var i = 0; i < connections.Count; i++)
    {
        await change(connections[i]);
        rounds[i].AcceptedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var everyPage = await rounds[i].EveryPageAsync(timeout);
        var latencies = rounds[i].Latencies(timeout);
        if (!everyPage)
        {
            Console.WriteLine($"{what} {i}: {latencies.Count(l => l is null)} of {pageCount} pages did not show it within {timeout.TotalSeconds:N0} s (counted as misses)");
        }

        // Round 0 is the warm-up.
        if (i == 0)
        {
            continue;
        }

        eachPage.AddRange(latencies);
        lastPage.Add(latencies.Any(l => l is null) ? null : latencies.Max());
        notVisible += rounds[i].NotVisible;
    }

    return new Outcome(lastPage, eachPage, notVisible);
}

// A miss counts as slower than anything measured, so a percentile that lands on one shows it.
static double? Percentile(IReadOnlyList<double?> values, double p)
{
    var sorted = values.OrderBy(v => v ?? double.PositiveInfinity).ToList();
    return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

static string Ms(double? value) => value is { } ms ? $"{ms:N0} ms" : "miss";

static void Print(string measure, IReadOnlyList<double?> values) =>
    Console.WriteLine($"{measure,-58} {Ms(Percentile(values, 0.5)),9} {Ms(Percentile(values, 0.95)),9} {Ms(Percentile(values, 1)),9}  " +
        $"{values.Count(v => v is null)} of {values.Count}");

static string Visible(IReadOnlyList<PageState> states) =>
    $"{states.Count(s => s.Visibility == "visible")} of {states.Count} pages ({Describe(states.Select(s => s.Visibility))})";

static string Describe<T>(IEnumerable<T> values) =>
    string.Join(", ", values.GroupBy(v => v).Select(g => $"{g.Count()}× {g.Key}"));

/// <summary>One measure's figures over the counted rounds; a null latency is a miss.</summary>
internal sealed record Outcome(IReadOnlyList<double?> LastPage, IReadOnlyList<double?> EachPage, int NotVisible);
