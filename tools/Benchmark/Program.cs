using System.Diagnostics;
using System.Security.Claims;
using FinchDashboard.Benchmark;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Waste;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Connections;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// benchmark load <connection string> <connections> [employers]   fill an empty, migrated database (as many bank accounts as connections)
// benchmark run  <connection string>                              print the list, bank accounts, waste and export figures
// benchmark page <dashboard url> <email> <password>               print the browser figure for /connections
if (args is not ["load", var loadConnectionString, var countText, ..] && args is not ["run", _] && args is not ["page", _, _, _])
{
    Console.Error.WriteLine("usage: benchmark load <connection string> <connections> [employers] | benchmark run <connection string> | benchmark page <dashboard url> <email> <password>");
    return 2;
}

if (args[0] == "page")
{
    return await PageLoad.MeasureAsync(args[1], args[2], args[3]);
}

if (args[0] == "load")
{
    var employers = args.Length > 3 ? int.Parse(args[3]) : 2_000;
    await using (var db = Contexts(args[1]).CreateDbContext())
    {
        await db.Database.MigrateAsync();
    }

    var watch = Stopwatch.StartNew();
    await BenchmarkData.LoadAsync(args[1], int.Parse(args[2]), employers);
    Console.WriteLine($"Load took {watch.Elapsed.TotalSeconds:N1} s");
    return 0;
}

var connectionString = args[1];
await using var provider = Services(connectionString);
await using var dataSource = NpgsqlDataSource.Create(connectionString);

const int Runs = 40;
// What the bank accounts list shows of each row, and nothing more.
const string BankAccountColumns = """
    a.id, a.employer_id, e.name, a.institution_name, a.display_name, a.last4, a.category, a.subcategory, a.status, a.permissions,
    a.balance_refresh_status, a.balance_refresh_attempted_at, a.ownership_refresh_status, a.ownership_refresh_attempted_at,
    a.transaction_refresh_status, a.transaction_refresh_attempted_at, a.linked_by, a.linked_at, a.disconnected_by, a.disconnected_at,
    a.disconnect_reason, a.livemode
    """;
var liveBySyncFiltered = new ConnectionListQuery(
    ConnectionState.Live, null,
    new ConnectionFilters { Providers = ["gusto", "adp_run"], Statuses = [ConnectionStatus.Connected, ConnectionStatus.Reauth] },
    ConnectionSortColumn.LastSynced, Descending: true, new PageRequest(0, 25));
var liveSearch = new ConnectionListQuery(
    ConnectionState.Live, "employer 0004", ConnectionFilters.None, ConnectionSortColumn.Connected, Descending: true, new PageRequest(0, 25));

Console.WriteLine($"{"measure",-46} {"ours",10} {"baseline",10} {"ratio",6}  target");
var failures = 0;
failures += await CompareListAsync("list: Live, by last synced, provider+status", liveBySyncFiltered, maxRatio: 1.5, """
    SELECT count(*) FROM connections WHERE state = 'Live' AND provider_id = ANY(@providers) AND status = ANY(@statuses);
    SELECT id, employer_id, state, finch_connection_id, company_id, company_name, customer_id, customer_name, active_entity_count,
           status, status_message, status_changed_at, last_synced_at, connection_type, connected_at, disconnected_at, provider_id,
           provider_name, products, session_id, session_expires_at, session_progress, created_at
    FROM connections WHERE state = 'Live' AND provider_id = ANY(@providers) AND status = ANY(@statuses)
    ORDER BY last_synced_at DESC, id DESC LIMIT 25;
    """);
failures += await CompareListAsync("list: Live, free-text search", liveSearch, maxRatio: 1.3, """
    SELECT count(*) FROM connections WHERE state = 'Live' AND search_text LIKE @pattern;
    SELECT id, employer_id, state, finch_connection_id, company_id, company_name, customer_id, customer_name, active_entity_count,
           status, status_message, status_changed_at, last_synced_at, connection_type, connected_at, disconnected_at, provider_id,
           provider_name, products, session_id, session_expires_at, session_progress, created_at
    FROM connections WHERE state = 'Live' AND search_text LIKE @pattern
    ORDER BY connected_at DESC, id DESC LIMIT 25;
    """);
failures += await CompareBankAccountsAsync("bank accounts: default, by linked",
    new BankAccountListQuery(null, null, BankAccountSortColumn.Linked, Descending: true, new PageRequest(0, 25)), $"""
    SELECT count(*) FROM bank_accounts;
    SELECT {BankAccountColumns} FROM bank_accounts a JOIN employers e ON e.id = a.employer_id
    ORDER BY a.linked_at DESC, a.id LIMIT 25;
    """);
failures += await CompareBankAccountsAsync("bank accounts: Inactive, by institution",
    new BankAccountListQuery(null, BankAccountStatus.Inactive, BankAccountSortColumn.Institution, Descending: false, new PageRequest(0, 25)), $"""
    SELECT count(*) FROM bank_accounts WHERE status = @status;
    SELECT {BankAccountColumns} FROM bank_accounts a JOIN employers e ON e.id = a.employer_id WHERE a.status = @status
    ORDER BY a.institution_name, a.id LIMIT 25;
    """);
failures += await CompareBankAccountsAsync("bank accounts: free-text search",
    new BankAccountListQuery("chase", null, BankAccountSortColumn.Linked, Descending: true, new PageRequest(0, 25)), $"""
    SELECT count(*) FROM bank_accounts WHERE search_text LIKE @pattern;
    SELECT {BankAccountColumns} FROM bank_accounts a JOIN employers e ON e.id = a.employer_id WHERE a.search_text LIKE @pattern
    ORDER BY a.linked_at DESC, a.id LIMIT 25;
    """);
failures += await CompareWasteAsync();
failures += await CompareExportAsync();
Console.WriteLine(failures == 0 ? "All targets met." : $"{failures} target(s) missed.");
return failures == 0 ? 0 : 1;

async Task<int> CompareListAsync(string name, ConnectionListQuery query, double maxRatio, string sql)
{
    // One DI scope for all runs, as one Blazor circuit serves one user's page: the caller is resolved once.
    await using var scope = provider.CreateAsyncScope();
    var directory = scope.ServiceProvider.GetRequiredService<ConnectionDirectory>();
    var (ours, baseline) = await MediansTakenInTurnAsync(() => directory.ListAsync(query), HandWritten(sql, parameters =>
    {
        parameters.AddWithValue("providers", query.Filters.Providers.ToArray());
        parameters.AddWithValue("statuses", query.Filters.Statuses.Select(s => s.ToString()).ToArray());
        parameters.AddWithValue("pattern", TextSearch.ContainsPattern(query.Search?.ToLowerInvariant()) ?? "%");
    }));
    return Report(name, ours, baseline, withinMs: 50, maxRatio);
}

// The /bank-accounts page's first page and its count through the page's own service, in the same DI scope for all runs.
async Task<int> CompareBankAccountsAsync(string name, BankAccountListQuery query, string sql)
{
    await using var scope = provider.CreateAsyncScope();
    var directory = scope.ServiceProvider.GetRequiredService<BankAccountDirectory>();
    var (ours, baseline) = await MediansTakenInTurnAsync(() => directory.ListAsync(query), HandWritten(sql, parameters =>
    {
        parameters.AddWithValue("status", query.Status?.ToString() ?? "");
        parameters.AddWithValue("pattern", TextSearch.ContainsPattern(query.Search?.ToLowerInvariant()) ?? "%");
    }));
    return Report(name, ours, baseline, withinMs: null);
}

// The billable waste page's first page and its count, against the same rules written by hand: each connection's first
// reason in one CASE, the older of two duplicates found against the newest of each group, grouped once.
async Task<int> CompareWasteAsync()
{
    const string Waste = """
        WITH newest_of_company AS (
            SELECT company_id, max(created_at) AS newest FROM connections WHERE state = 'Live' AND company_id IS NOT NULL GROUP BY company_id),
        newest_of_provider AS (
            SELECT employer_id, provider_id, max(created_at) AS newest FROM connections
            WHERE state = 'Live' AND provider_id IS NOT NULL GROUP BY employer_id, provider_id),
        waste AS (
            SELECT c.*, CASE
                WHEN c.state = 'Disconnected' THEN CASE WHEN c.disconnected_by IS NOT NULL AND c.disconnected_by <> 'Finch' AND EXISTS (
                    SELECT 1 FROM audit_log r WHERE r.action = 'ConnectionDisconnected' AND r.outcome = 'Failed' AND r.target_id = c.id::text) THEN 0 END
                WHEN c.state <> 'Live' THEN NULL
                WHEN c.active_entity_count = 0 AND EXISTS (SELECT 1 FROM connection_entities e WHERE e.connection_id = c.id) THEN 1
                WHEN c.created_at < nc.newest THEN 2
                WHEN c.created_at < np.newest THEN 3
                WHEN (c.finch_connection_type = 'finch' AND c.environment IS DISTINCT FROM 'Sandbox') OR c.search_text ~ '\m(test|testing|demo|sandbox)\M' THEN 4
                WHEN coalesce(c.last_synced_at, c.connected_at) < @since THEN 5
            END AS reason
            FROM connections c
            LEFT JOIN newest_of_company nc ON nc.company_id = c.company_id
            LEFT JOIN newest_of_provider np ON np.employer_id = c.employer_id AND np.provider_id = c.provider_id)
        """;
    const string Sql = $"""
        {Waste}
        SELECT count(*) FROM waste WHERE reason IS NOT NULL;
        {Waste}
        SELECT w.id, w.employer_id, (SELECT e.name FROM employers e WHERE e.id = w.employer_id), w.company_name, w.customer_name, w.company_id,
               w.finch_connection_id, w.provider_id, w.provider_name, w.state, w.status, w.active_entity_count, w.last_synced_at, w.connected_at, w.reason
        FROM waste w WHERE reason IS NOT NULL ORDER BY reason, created_at, id LIMIT 50;
        """;
    await using var scope = provider.CreateAsyncScope();
    var waste = scope.ServiceProvider.GetRequiredService<BillableWaste>();
    var page = new PageRequest(0, 50);
    var found = await waste.ListAsync(page);
    var since = DateTimeOffset.UtcNow - waste.NoSyncFor;
    var (ours, baseline) = await MediansTakenInTurnAsync(() => waste.ListAsync(page), HandWritten(Sql, parameters => parameters.AddWithValue("since", since)));
    return Report($"waste: first page of {found.TotalCount:N0}", ours, baseline, withinMs: null);
}

// The export against psql's \copy of the same rows, each the median of several runs after one warm-up like the lists'
// figures; the first run, which also pays for compiling the export's code, is shown on its own. Memory growth is the
// peak working set over all runs.
async Task<int> CompareExportAsync()
{
    const int ExportRuns = 5;
    var exportQuery = new ConnectionListQuery(ConnectionState.Live, null, ConnectionFilters.None, ConnectionSortColumn.Connected, true, new PageRequest(0, 1));
    GC.Collect();
    GC.WaitForPendingFinalizers();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var before = process.WorkingSet64;
    var peak = before;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            await Task.Delay(5);
        }
    });

    var rows = 0;
    async Task ExportAsync()
    {
        await using var scope = provider.CreateAsyncScope();
        var caller = await scope.ServiceProvider.GetRequiredService<CurrentCaller>().GetAsync();
        rows = await ConnectionExport.WriteCsvAsync(
            Stream.Null, scope.ServiceProvider.GetRequiredService<ConnectionDirectory>(), caller, exportQuery, CancellationToken.None);
    }

    var builder = new NpgsqlConnectionStringBuilder(connectionString);
    var psql = new ProcessStartInfo("psql",
    [
        "-h", builder.Host!, "-p", builder.Port.ToString(), "-U", builder.Username!, "-d", builder.Database!, "-qc",
        "\\copy (SELECT company_name, company_id, finch_connection_id, customer_name, customer_id, active_entity_count, status, status_message, " +
        "last_synced_at, connection_type, connected_at, disconnected_at, provider_name, provider_id, products, id, employer_id FROM connections " +
        "WHERE state = 'Live' ORDER BY connected_at DESC, id DESC) TO '/dev/null' WITH CSV HEADER",
    ]);
    async Task CopyAsync()
    {
        using var copy = Process.Start(psql)!;
        await copy.WaitForExitAsync();
        if (copy.ExitCode != 0)
        {
            throw new InvalidOperationException("psql \\copy failed");
        }
    }

    var watch = Stopwatch.StartNew();
    await ExportAsync();
    var first = watch.Elapsed.TotalMilliseconds;
    watch.Restart();
    await CopyAsync();
    var firstBaseline = watch.Elapsed.TotalMilliseconds;
    var ours = await MedianOfAsync(ExportRuns, ExportAsync);
    var baseline = await MedianOfAsync(ExportRuns, CopyAsync);
    sampling.Cancel();
    await sampler;

    var growthMb = (peak - before) / (1024.0 * 1024.0);
    var ratio = ours / baseline;
    var met = ratio <= 1.5 && growthMb < 100;
    Console.WriteLine($"{$"export: all {rows:N0} Live rows as CSV",-46} {ours,8:N0}ms {baseline,8:N0}ms {ratio,6:N2}  ≤1.5× \\copy  {(ratio <= 1.5 ? "met" : "MISSED")}");
    Console.WriteLine($"{"export: first run in this process (no target)",-46} {first,8:N0}ms {firstBaseline,8:N0}ms {first / firstBaseline,6:N2}");
    Console.WriteLine($"{"export: memory growth (peak working set)",-46} {growthMb,8:N1}MB {"",10} {"",6}  <100 MB  {(growthMb < 100 ? "met" : "MISSED")}");
    return met ? 0 : 1;
}

// The hand-written baseline: the statements run as they are and every row read, as the dashboard reads its rows.
Func<Task> HandWritten(string sql, Action<NpgsqlParameterCollection> bind) => async () =>
{
    await using var command = dataSource.CreateCommand(sql);
    bind(command.Parameters);
    await using var reader = await command.ExecuteReaderAsync();
    do
    {
        while (await reader.ReadAsync())
        {
        }
    }
    while (await reader.NextResultAsync());
};

static int Report(string name, double ours, double baseline, double? withinMs, double maxRatio = 1.5)
{
    var ratio = ours / baseline;
    var met = ratio <= maxRatio && (withinMs is null || ours <= withinMs);
    var target = withinMs is { } limit ? $"≤{limit:N0} ms and ≤{maxRatio:0.0#}×" : $"≤{maxRatio:0.0#}×";
    Console.WriteLine($"{name,-46} {ours,8:N1}ms {baseline,8:N1}ms {ratio,6:N2}  {target}  {(met ? "met" : "MISSED")}");
    return met ? 0 : 1;
}

// Ours and the baseline in turn, run for run, so a burst of other work on the machine falls on both alike rather than
// on whichever was being measured at the time; each side's median after a few warm-up runs.
static async Task<(double Ours, double Baseline)> MediansTakenInTurnAsync(Func<Task> ours, Func<Task> baseline)
{
    for (var i = 0; i < 5; i++)
    {
        await ours();
        await baseline();
    }

    var times = (Ours: new List<double>(Runs), Baseline: new List<double>(Runs));
    for (var i = 0; i < Runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await ours();
        times.Ours.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
        await baseline();
        times.Baseline.Add(watch.Elapsed.TotalMilliseconds);
    }

    return (Median(times.Ours), Median(times.Baseline));
}

static double Median(List<double> times)
{
    times.Sort();
    return times[times.Count / 2];
}

static async Task<double> MedianOfAsync(int runs, Func<Task> run)
{
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return Median(times);
}

static IDbContextFactory<DashboardDbContext> Contexts(string connectionString) =>
    new ServiceCollection()
        .AddDbContextFactory<DashboardDbContext>(options => options.UseNpgsql(connectionString))
        .BuildServiceProvider()
        .GetRequiredService<IDbContextFactory<DashboardDbContext>>();

// The dashboard's own services, registered by its own feature registrations, signed in as an Admin (who sees every
// employer: the largest lists there are).
static ServiceProvider Services(string connectionString)
{
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    builder.Configuration[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"] = connectionString;
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.AddDashboardTelemetry().AddDashboardData().AddAccess().AddAudit().AddConnections().AddWaste().AddBankAccounts();
    builder.Services.AddScoped<AuthenticationStateProvider>(_ => new AdminAuthenticationState());
    return builder.Services.BuildServiceProvider();
}

internal sealed class AdminAuthenticationState : AuthenticationStateProvider
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "benchmark"), new Claim(ClaimTypes.Role, nameof(Role.Admin))], "benchmark"));

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(Admin));
}
