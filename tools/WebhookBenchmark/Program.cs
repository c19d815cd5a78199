using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

// webhook-benchmark [--stripe] <connection string> <dashboard dll> [events] [senders]
// Starts the dashboard on loopback against the (empty) database and, as the baseline, a verify-only server (see
// VerifyOnlyServer), each as its own process; posts signed webhooks (Finch's, or Stripe's with --stripe) from
// concurrent senders to the baseline and then to the dashboard, and checks in the database that every event was
// stored once and applied once.
if (args is [VerifyOnlyServer.Command, var port])
{
    await VerifyOnlyServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
    return 0;
}

var stripe = args.FirstOrDefault() == "--stripe";
args = stripe ? args[1..] : args;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: webhook-benchmark [--stripe] <connection string> <dashboard dll> [events] [senders]");
    return 2;
}

var connectionString = args[0];
var dashboardDll = args[1];
var eventCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000;
var senders = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 32;
const int DuplicateEvery = 20;
const double TargetRate = 1_000;
const double TargetRatio = 0.5;
var finchSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
var stripeSecret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
IWebhookSource source = stripe ? new StripeWebhooks(stripeSecret) : new FinchWebhooks(finchSecret);
var dashboardUrl = $"http://127.0.0.1:{FreePort()}";
var verifyOnlyPort = FreePort();
var verifyOnlyUrl = $"http://127.0.0.1:{verifyOnlyPort}";

var tokenKey = "bench:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
await using var dashboard = await StartAsync("dashboard", dashboardUrl, [Path.GetFullPath(dashboardDll)], new()
{
    ["ConnectionStrings__Dashboard"] = connectionString,
    ["Database__MigrateOnStartup"] = "true",
    ["TokenEncryption__Keys__0"] = tokenKey,
});
await source.SeedAsync(connectionString);
// Both servers are measured warm. Under load the runtime's tiered JIT keeps compiling for tens of seconds after start
// (dotnet-counters showed 400 to 750 methods a second through the first 25 s, then next to none), so a short warm-up
// times the JIT as much as the server: it cost the dashboard with telemetry on, which has more code to compile, a fifth
// of its rate. Rounds of 5,000 with a pause between, which lets the JIT's background compilation catch up; each
// round's rate is printed, so the plateau the measured run starts from is visible.
const int WarmUpRounds = 6;
const int WarmUpRoundSize = 5_000;
var warmUp = Enumerable.Range(0, WarmUpRounds).Select(round => source.Deliveries(WarmUpRoundSize, $"warm{round}")).ToList();

// The baseline runs first and is stopped before the stored run, so its background work does not compete with it. It is
// the same dashboard on the same database, but it neither migrates nor applies events: the dashboard above does both.
Run verifyOnly;
IReadOnlyList<double> verifyOnlyWarmUp;
await using (var verifyOnlyServer = await StartAsync("verify-only server", verifyOnlyUrl,
    [typeof(VerifyOnlyServer).Assembly.Location, VerifyOnlyServer.Command, verifyOnlyPort.ToString(CultureInfo.InvariantCulture)], new()
    {
        ["ConnectionStrings__Dashboard"] = connectionString,
        ["TokenEncryption__Keys__0"] = tokenKey,
        ["Webhooks__ProcessingEnabled"] = "false",
        // WebApplicationFactory looks for the dashboard's content root; it is the dashboard's build folder.
        ["ASPNETCORE_TEST_CONTENTROOT_FINCHDASHBOARD_DASHBOARD"] = Path.GetDirectoryName(Path.GetFullPath(dashboardDll))!,
    }))
{
    using var toVerifyOnly = Client(verifyOnlyUrl);
    // The baseline stores none of its warm-up.
    verifyOnlyWarmUp = await WarmUpAsync(round => SendAsync(toVerifyOnly, source.VerifyOnlyPath, warmUp[round]));
    verifyOnly = await SendAsync(toVerifyOnly, source.VerifyOnlyPath, source.Deliveries(eventCount, "verify"));
}

using var toDashboard = Client(dashboardUrl);
// The dashboard's warm-up (part of the database checks below) is applied round by round, so the measured run, like the
// providers' bursts, meets an idle processor.
await using var dataSource = NpgsqlDataSource.Create(connectionString);
var drained = true;
var dashboardWarmUp = await WarmUpAsync(async round =>
{
    var run = await SendAsync(toDashboard, source.Path, warmUp[round]);
    drained &= await DrainedAsync();
    return run;
});
if (!drained)
{
    return 1;
}

var measured = source.Deliveries(eventCount, "bench");
// Every twentieth event is delivered a second time, as Finch and Stripe do when an acknowledgement is lost.
var withRepeats = measured.Concat(measured.Where((_, i) => i % DuplicateEvery == 0)).ToList();
// The dashboard's processor time from the first measured request until the last event is applied: its cost per
// delivery, which on a busy machine varies far less than the rate does (what telemetry costs shows here first).
var processorTimeBefore = dashboard.Process.TotalProcessorTime;
var stored = await SendAsync(toDashboard, source.Path, withRepeats);

var ratio = stored.Rate / verifyOnly.Rate;
Console.WriteLine();
Console.WriteLine($"{source.Name + " webhooks",-52} {"value",14}  target");
Line("senders (parallel HTTP connections)", senders.ToString("N0", CultureInfo.InvariantCulture), "");
Line($"warm-up rounds of {WarmUpRoundSize:N0}, verify-only accepted/s", Rates(verifyOnlyWarmUp), "");
Line($"warm-up rounds of {WarmUpRoundSize:N0}, stored accepted/s", Rates(dashboardWarmUp), "");
Line("verify-only: requests", $"{verifyOnly.Sent:N0}", "");
Line("verify-only: accepted/s", $"{verifyOnly.Rate:N0}", "");
Line("stored: requests (incl. repeated deliveries)", $"{stored.Sent:N0}", "");
Line("stored: verified + durably stored, accepted/s", $"{stored.Rate:N0}", $"≥{TargetRate:N0}/s  {Met(stored.Rate >= TargetRate)}");
Line("stored: p50 / p99 latency", $"{stored.P50:N1} / {stored.P99:N1} ms", "");
Line("stored ÷ verify-only", $"{ratio:N2}", $"≥{TargetRatio:N1}  {Met(ratio >= TargetRatio)}");
Line("non-200 answers (both runs)", $"{verifyOnly.Refused + stored.Refused:N0}", $"0  {Met(verifyOnly.Refused + stored.Refused == 0)}");
foreach (var (name, run) in new[] { ("verify-only", verifyOnly), ("stored", stored) })
{
    if (run.FirstRefusal is { } refusal)
    {
        Console.WriteLine($"  first non-200 answer of the {name} run: {refusal}");
    }
}

var drainWatch = Stopwatch.StartNew();
if (!await DrainedAsync())
{
    return 1;
}

var processorTimePerThousand = (dashboard.Process.TotalProcessorTime - processorTimeBefore).TotalMilliseconds * 1_000 / withRepeats.Count;

var events = source.EventsTable;
var expectedIds = warmUp.Sum(round => round.Count) + measured.Count;
var storedIds = await dataSource.ScalarAsync($"SELECT count(*) FROM {events}");
var applied = await dataSource.ScalarAsync($"SELECT count(*) FROM {events} WHERE state = 'Applied'");
var unmatched = await dataSource.ScalarAsync($"SELECT count(*) FROM {events} WHERE state = 'Unmatched'");
var ignored = await dataSource.ScalarAsync($"SELECT count(*) FROM {events} WHERE state = 'Ignored'");
var failed = await dataSource.ScalarAsync($"SELECT count(*) FROM {events} WHERE state = 'Failed'");
// The audit detail starts with the event's type and id, up to the first colon; an event applied twice would have two.
var appliedTwice = await dataSource.ScalarAsync("""
    SELECT count(*) FROM (SELECT split_part(detail, ':', 1) FROM audit_log WHERE action = 'WebhookApplied' GROUP BY 1 HAVING count(*) > 1) twice
    """);
var measuredStored = await dataSource.ScalarAsync($"SELECT count(*) FROM {events} WHERE event_id = ANY($1)", measured.Select(m => m.EventId).ToArray());

Line("stored events (distinct ids sent: warm-up + measured)", $"{storedIds:N0}", $"{expectedIds:N0}  {Met(storedIds == expectedIds)}");
Line("repeated deliveries sent / stored again", $"{withRepeats.Count - measured.Count:N0} / {measuredStored - measured.Count:N0}", $"0 again  {Met(measuredStored == measured.Count)}");
Line("processing drained after the last request", $"{drainWatch.Elapsed.TotalSeconds:N1} s", "");
Line("dashboard CPU per 1,000 deliveries (store + apply)", $"{processorTimePerThousand:N0} ms", "");
Line("applied / unmatched / ignored / failed", $"{applied:N0} / {unmatched:N0} / {ignored:N0} / {failed:N0}", $"0 failed  {Met(failed == 0)}");
Line("events applied more than once", $"{appliedTwice:N0}", $"0  {Met(appliedTwice == 0)}");
var checks = await source.AppliedChecksAsync(dataSource, applied);
foreach (var check in checks)
{
    Line(check.Measure, check.Value, check.Met is { } met ? $"{check.Target}  {Met(met)}" : check.Target);
}

var allMet = stored.Rate >= TargetRate && ratio >= TargetRatio && verifyOnly.Refused + stored.Refused == 0
    && storedIds == expectedIds && measuredStored == measured.Count && failed == 0 && appliedTwice == 0 && checks.All(c => c.Met != false);
Console.WriteLine(allMet ? "All targets met." : "Some targets MISSED.");
return allMet ? 0 : 1;

HttpClient Client(string baseUrl) =>
    new(new SocketsHttpHandler { MaxConnectionsPerServer = senders, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri(baseUrl),
    };

async Task<Run> SendAsync(HttpClient http, string path, IReadOnlyList<Delivery> deliveries)
{
    var next = -1;
    var refused = 0;
    string? firstRefusal = null;
    var latencies = new double[deliveries.Count];
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
    {
        int index;
        while ((index = Interlocked.Increment(ref next)) < deliveries.Count)
        {
            var delivery = deliveries[index];
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(delivery.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in delivery.Headers)
            {
                request.Headers.Add(name, value);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref refused);
                Interlocked.CompareExchange(ref firstRefusal, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", null);
            }
        }
    })));
    var elapsed = watch.Elapsed;
    Array.Sort(latencies);
    return new Run(deliveries.Count, refused, firstRefusal, deliveries.Count / elapsed.TotalSeconds, latencies[latencies.Length / 2],
        latencies[(int)(latencies.Length * 0.99)]);
}

// A server of ours on loopback, configured like the dashboard in production, once it answers /healthz.
async Task<ServerProcess> StartAsync(string name, string url, string[] arguments, Dictionary<string, string> settings)
{
    var start = new ProcessStartInfo("dotnet", arguments)
    {
        WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(arguments[0]))!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    start.Environment["ASPNETCORE_URLS"] = url;
    start.Environment["Finch__ClientId"] = "benchmark-client";
    start.Environment["Finch__ClientSecret"] = "benchmark-secret";
    start.Environment["Finch__WebhookSecrets"] = finchSecret;
    start.Environment["Stripe__SecretKey"] = "sk_test_webhook_benchmark";
    start.Environment["Stripe__WebhookSecrets"] = stripeSecret;
    start.Environment["Logging__LogLevel__Default"] = "Warning";
    foreach (var (key, value) in settings)
    {
        start.Environment[key] = value;
    }

    var process = new ServerProcess(Process.Start(start)!);
    using var probe = new HttpClient();
    var deadline = DateTime.UtcNow.AddSeconds(90);
    while (DateTime.UtcNow < deadline)
    {
        if (process.Process.HasExited)
        {
            throw new InvalidOperationException($"The {name} exited during start-up:\n{process.Output}");
        }

        try
        {
            if ((await probe.GetAsync($"{url}/healthz")).StatusCode == HttpStatusCode.OK)
            {
                return process;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(250);
    }

    throw new TimeoutException($"The {name} did not start within 90 s:\n{process.Output}");
}

async Task<bool> DrainedAsync()
{
    var watch = Stopwatch.StartNew();
    while (await dataSource.ScalarAsync($"SELECT count(*) FROM {source.EventsTable} WHERE state = 'Pending'") > 0)
    {
        if (watch.Elapsed > TimeSpan.FromMinutes(5))
        {
            Console.Error.WriteLine("Processing did not drain within 5 minutes.");
            return false;
        }

        await Task.Delay(100);
    }

    return true;
}

// Each round of the warm-up in turn, with a second's pause after it.
async Task<IReadOnlyList<double>> WarmUpAsync(Func<int, Task<Run>> round)
{
    var rates = new List<double>();
    for (var index = 0; index < WarmUpRounds; index++)
    {
        rates.Add((await round(index)).Rate);
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    return rates;
}

static string Rates(IEnumerable<double> rates) => string.Join(" ", rates.Select(rate => rate.ToString("N0", CultureInfo.InvariantCulture)));

static void Line(string measure, string value, string target) => Console.WriteLine($"{measure,-52} {value,14}  {target}");

static string Met(bool met) => met ? "met" : "MISSED";

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>One run's figures; <see cref="FirstRefusal"/> is the status and body of its first non-200 answer, if any.</summary>
internal sealed record Run(int Sent, int Refused, string? FirstRefusal, double Rate, double P50, double P99);

/// <summary>A server under test, with its output kept for a failure message; stopped with the benchmark.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    public ServerProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
