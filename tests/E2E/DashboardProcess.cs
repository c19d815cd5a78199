using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace FinchDashboard.E2E;

/// <summary>
/// The built dashboard started as its own process in Development (demo mode) on a fresh database, as ./run.sh
/// would start it. It can be stopped and started again on the same address to test a dropped connection.
/// </summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private DashboardProcess(string connectionString, int port)
    {
        _connectionString = connectionString;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public static async Task<DashboardProcess> StartAsync(string connectionString)
    {
        var dashboard = new DashboardProcess(connectionString, FreePort());
        await dashboard.StartAsync();
        return dashboard;
    }

    public async Task StartAsync()
    {
        var assembly = DashboardAssemblyPath();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The dashboard's own build output, in the configuration these tests were built in.
    private static string DashboardAssemblyPath()
    {
        var configuration = typeof(DashboardProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinchDashboard.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("Could not find FinchDashboard.sln above the test output directory.");
        }

        var path = Path.Combine(directory.FullName, "src", "Dashboard", "bin", configuration, "net10.0", "FinchDashboard.Dashboard.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the dashboard first ({configuration}).", path);
    }
}
