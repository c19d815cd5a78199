using EndpointHealthOptions = Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions;

namespace FinchDashboard.Dashboard.Health;

/// <summary>The endpoints a load balancer or orchestrator asks, without signing in.</summary>
public static class HealthEndpoints
{
    /// <summary>The checks that must pass before this instance takes traffic.</summary>
    public const string Ready = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Live: the process answers. No dependency is asked, so a database outage never gets a healthy process restarted.
        endpoints.MapHealthChecks("/healthz/live", new EndpointHealthOptions { Predicate = _ => false }).AllowAnonymous();
        var ready = new EndpointHealthOptions { Predicate = check => check.Tags.Contains(Ready) };
        endpoints.MapHealthChecks("/healthz/ready", ready).AllowAnonymous();
        // The address earlier deployments and ./run.sh ask: the same answer as ready.
        endpoints.MapHealthChecks("/healthz", ready).AllowAnonymous();
        return endpoints;
    }
}
