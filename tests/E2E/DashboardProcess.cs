using FinchDashboard.Tests;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace FinchDashboard.E2E;

/// <summary>
/// The built dashboard started as its own process in Development (demo mode) on a fresh database, as ./run.sh
/// would start it. It can be stopped and started again on the same address to test a dropped connection.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private DashboardProcess(string connectionString, int port, IReadOnlyDictionary<string, string> settings)
    {
        _connectionString = connectionString;
        _settings = settings;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    /// <param name="settings">Environment variables on top of the defaults, e.g. Finch__BaseUrl for a running emulator.</param>
    /// <param name="port">The port to listen on, when something started earlier must know it (the emulator's webhook URL).</param>
    public static async Task<DashboardProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var dashboard = new DashboardProcess(connectionString, port ?? AppProcess.FreePort(), settings ?? new Dictionary<string, string>());
        await dashboard.StartAsync();
        return dashboard;
    }

    public async Task StartAsync()
    {
        var assembly = AppProcess.BuiltAssembly("Dashboard", "FinchDashboard.Dashboard");
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["ConnectionStrings__Dashboard"] = _connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Background health checks would change connections under the tests' feet; tests that need them enable them.
        start.Environment["HealthChecks__Enabled"] = "false";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the dashboard.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited during start-up:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The dashboard did not become healthy within 90 s:\n{Output}");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

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

    public ValueTask DisposeAsync() => new(StopAsync());

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
