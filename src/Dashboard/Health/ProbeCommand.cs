using System.Net;

namespace FinchDashboard.Dashboard.Health;

/// <summary>
/// <c>probe http://127.0.0.1:8080/healthz/live</c>: asks one address once and exits 0 when it answers 200, 1 otherwise
/// (another status, no answer, no answer within <see cref="DefaultTimeout"/>, a wrong call), starting no host. The
/// container's HEALTHCHECK runs it, because the ASP.NET Core runtime image has neither curl nor wget. A wrong call is 1
/// as well: Docker reserves exit code 2.
/// </summary>
public static class ProbeCommand
{
    public const string Name = "probe";

    public const int Healthy = 0;
    public const int Unhealthy = 1;

    /// <summary>Well inside the HEALTHCHECK's own timeout, so a hung answer is reported by the probe, not killed by Docker.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private const string Usage = "Usage: probe http://127.0.0.1:8080/healthz/live  (exits 0 when the address answers 200, 1 otherwise)";

    public static Task<int> RunAsync(IReadOnlyList<string> arguments) =>
        // No proxy: the probe asks the container's own address, which a configured HTTP_PROXY has no business relaying.
        RunAsync(arguments, new SocketsHttpHandler { UseProxy = false }, DefaultTimeout, Console.Error);

    /// <summary>The same with the handler that carries the request, the time it may take and where the reason goes.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, HttpMessageHandler handler, TimeSpan timeout, TextWriter error)
    {
        if (arguments is not [var address] || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync(Usage);
            return Unhealthy;
        }

        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return Healthy;
            }

            await error.WriteLineAsync($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            return Unhealthy;
        }
        catch (TaskCanceledException)
        {
            await error.WriteLineAsync($"{uri} did not answer within {timeout.TotalSeconds:0.###} s.");
            return Unhealthy;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"{uri} could not be reached: {ex.Message}");
            return Unhealthy;
        }
    }
}
