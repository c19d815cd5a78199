using System.Diagnostics;
using System.Globalization;
using FinchDashboard.Dashboard.Telemetry;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Measures every HTTP attempt to Finch, inside the resilience handler so retries count one by one: its duration and
/// outcome by endpoint group, and each 429 with its Retry-After. Only the group, status and timing are recorded.
/// </summary>
public sealed class FinchTelemetryHandler(DashboardMetrics metrics, IOptions<FinchOptions> options, TimeProvider time) : DelegatingHandler
{
    private readonly Uri apiRoot = options.Value.ApiRoot;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var group = FinchEndpointGroup.Of(request, apiRoot);
        var started = Stopwatch.GetTimestamp();
        var outcome = "unreachable";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                metrics.FinchRateLimit(group, FinchResilience.RetryAfter(response, time));
            }
            return response;
        }
        catch (OperationCanceledException)
        {
            // The attempt timeout or the caller cancelled; either way Finch did not answer in time.
            outcome = "timeout";
            throw;
        }
        finally
        {
            metrics.FinchRequest(group, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
