using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace FinchDashboard.Tests;

/// <summary>
/// One of this repository's built apps started with <c>dotnet &lt;dll&gt;</c> as its own process, the way a user runs
/// it, with its output kept for failure messages. It can be stopped and started again with the same settings.
/// </summary>
public sealed class AppProcess(string assemblyPath, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

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

    /// <summary>Starts the app and waits until <paramref name="isReady"/> says it serves requests.</summary>
    public async Task StartAsync(Func<HttpClient, Task<bool>> isReady, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [assemblyPath])
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{name} exited during start-up:\n{Output}");
            try
            {
                if (await isReady(http)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still too busy starting to answer.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{name} was not ready within {timeout.TotalSeconds} s:\n{Output}");
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

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>
    /// Runs the app as a command (<paramref name="arguments"/>) until it exits, with <paramref name="input"/> on its
    /// standard input, and returns its exit code and what it wrote to standard output and standard error.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(
        string assemblyPath, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [assemblyPath, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {assemblyPath}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(assemblyPath)} {string.Join(' ', arguments)} did not exit within {timeout.TotalSeconds} s:\n{await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The build output of <c>src/{project}</c> in the configuration the calling tests were built in, so a Release test
    /// run starts Release apps.
    /// </summary>
    public static string BuiltAssembly(string project, string assemblyName)
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinchDashboard.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null) throw new InvalidOperationException("Could not find FinchDashboard.sln above the test output directory.");

        var path = Path.Combine(directory.FullName, "src", project, "bin", configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/{project} first ({configuration}).", path);
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
