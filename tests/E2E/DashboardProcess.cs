using System.Net;
using FinchDashboard.Tests;

namespace FinchDashboard.E2E;

/// <summary>
/// The built dashboard started as its own process in Development (demo mode) on a fresh database, as ./run.sh
/// would start it. It can be stopped and started again on the same address to test a dropped connection.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly AppProcess _app;

    private DashboardProcess(string connectionString, int port, IReadOnlyDictionary<string, string> settings)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["ConnectionStrings__Dashboard"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            // Background health checks would change connections under the tests' feet; tests that need them enable them.
            ["HealthChecks__Enabled"] = "false",
            // Development points Stripe at ./run.sh's emulator; a test dashboard must not fill one that happens to run.
            // The fixtures with their own emulator point it there.
            ["Stripe__ApiBase"] = "http://127.0.0.1:9",
            // Every browser of a class signs the same demo users in from 127.0.0.1, far more often than people would.
            ["RateLimits__SignInPerAddress__PermitLimit"] = "1000",
            ["RateLimits__SignInPerEmail__PermitLimit"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        _app = new AppProcess(AppProcess.BuiltAssembly("Dashboard", "FinchDashboard.Dashboard"), environment);
    }

    public string BaseUrl { get; }

    public string Output => _app.Output;

    /// <param name="settings">Environment variables on top of the defaults, e.g. Finch__BaseUrl for a running emulator.</param>
    /// <param name="port">The port to listen on, when something started earlier must know it (the emulator's webhook URL).</param>
    public static async Task<DashboardProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var dashboard = new DashboardProcess(connectionString, port ?? AppProcess.FreePort(), settings ?? new Dictionary<string, string>());
        await dashboard.StartAsync();
        return dashboard;
    }

    // Collections start their dashboards at once, each migrating and seeding a fresh database on 2 shared cores.
    public Task StartAsync() =>
        _app.StartAsync(async http => (await http.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(180));

    public Task StopAsync() => _app.StopAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
