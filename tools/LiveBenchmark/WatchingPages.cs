using System.Text.Json;
using FinchDashboard.Benchmark;
using Microsoft.Playwright;

namespace FinchDashboard.LiveBenchmark;

/// <summary>What a page shows that the benchmark watches: the action-needed total, and the live-status heard count.</summary>
internal enum Measure { Banner, Heard }

/// <summary>One page's reading: the banner's total (0 without a banner), its heard count (null without live-status) and its visibility.</summary>
internal sealed record PageState(int Banner, int? Heard, string Visibility, int HiddenMoments);

/// <summary>
/// N signed-in Chromium pages on /connections, each its own Blazor circuit, in one browser and one context (one sign-in).
/// Each page times itself: a MutationObserver notes <c>Date.now()</c> the moment what it watches reaches the value a
/// round expects, and reports it through a binding, so nothing polls 50 pages from here while a change travels.
/// </summary>
internal sealed class WatchingPages : IAsyncDisposable
{
    // Installed before the dashboard's own scripts on every page. arm(measure, rounds) reads the page's current value
    // as the baseline; round r is reached when the value is at least baseline + r + 1 (another change arriving as well
    // must not hide the one under test).
    private const string Watcher = """
        (() => {
          const bench = window.__liveBenchmark = { hidden: 0, index: -1, watch: null };
          document.addEventListener('visibilitychange', () => { if (document.visibilityState !== 'visible') bench.hidden++; });
          const banner = () => {
            const alert = document.querySelector('[data-testid=action-needed-banner]');
            const total = alert && /(\d+)\s+connections?\s+needs?\s+action/.exec(alert.textContent);
            return total ? Number(total[1]) : 0;
          };
          const heard = () => {
            const status = document.querySelector('[data-testid=live-status]');
            return status ? Number(status.getAttribute('data-heard')) : null;
          };
          const read = measure => measure === 'banner' ? banner() : heard();
          const check = () => {
            const watch = bench.watch;
            if (!watch) return;
            const value = read(watch.measure);
            const at = Date.now();
            while (watch.next < watch.rounds && value !== null && value >= watch.baseline + watch.next + 1) {
              window.liveBenchmarkReached(bench.index, watch.next, at, document.visibilityState);
              watch.next++;
            }
          };
          bench.state = () => ({ banner: banner(), heard: heard(), visibility: document.visibilityState, hidden: bench.hidden });
          bench.arm = (measure, rounds) => { bench.watch = { measure, rounds, baseline: read(measure), next: 0 }; };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-heard'] });
        })();
        """;

    private const int OpenAtOnce = 5;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly List<IPage> _pages = [];
    private readonly Lock _gate = new();
    private Rounds? _rounds;

    private WatchingPages(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
    }

    public static async Task<WatchingPages> OpenAsync(string dashboardUrl, string email, string password, int count, string[] chromiumArgs)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await DemoBrowser.LaunchAsync(playwright, chromiumArgs);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = dashboardUrl });
        context.SetDefaultTimeout(120_000);
        var pages = new WatchingPages(playwright, browser, context);
        await context.AddInitScriptAsync(Watcher);
        await context.ExposeBindingAsync<int, int, double, string, bool>("liveBenchmarkReached",
            (_, index, round, at, visibility) => pages.Reached(index, round, (long)at, visibility));

        var first = await context.NewPageAsync();
        await DemoBrowser.SignInAsync(first, email, password);
        pages._pages.Add(first);
        while (pages._pages.Count < count)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(OpenAtOnce, count - pages._pages.Count)).Select(_ => context.NewPageAsync()));
            pages._pages.AddRange(batch);
        }

        // A few circuits starting at once, so start-up stays well inside the timeout on 2 cores.
        foreach (var chunk in pages._pages.Select((page, index) => (page, index)).Chunk(OpenAtOnce))
        {
            await Task.WhenAll(chunk.Select(async p =>
            {
                await p.page.GotoAsync("/connections");
                await p.page.GetByTestId("company-link").First.WaitForAsync();
                await p.page.EvaluateAsync("index => window.__liveBenchmark.index = index", p.index);
            }));
        }

        return pages;
    }

    public async Task<IReadOnlyList<PageState>> ReadAsync()
    {
        var states = await Task.WhenAll(_pages.Select(page => page.EvaluateAsync<JsonElement>("window.__liveBenchmark.state()")));
        return [.. states.Select(s => new PageState(
            s.GetProperty("banner").GetInt32(),
            s.GetProperty("heard").ValueKind == JsonValueKind.Number ? s.GetProperty("heard").GetInt32() : null,
            s.GetProperty("visibility").GetString()!,
            s.GetProperty("hidden").GetInt32()))];
    }

    /// <summary>From now on every page reports when it reaches each of <paramref name="count"/> rounds of <paramref name="measure"/>.</summary>
    public async Task<Rounds> ArmAsync(Measure measure, int count)
    {
        var rounds = new Rounds(count, _pages.Count);
        lock (_gate)
        {
            _rounds = rounds;
        }

        var name = measure == Measure.Banner ? "banner" : "heard";
        await Task.WhenAll(_pages.Select(page => page.EvaluateAsync("([measure, rounds]) => window.__liveBenchmark.arm(measure, rounds)", new object[] { name, count })));
        return rounds;
    }

    private bool Reached(int page, int round, long at, string visibility)
    {
        Rounds? rounds;
        lock (_gate)
        {
            rounds = _rounds;
        }

        rounds?.Reached(page, round, at, visibility);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
