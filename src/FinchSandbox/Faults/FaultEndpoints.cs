using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;

namespace FinchDashboard.FinchSandbox.Faults;

/// <summary>
/// Emulator-only control endpoint (not part of Finch's API) to make the next calls slow, fail with 500 or answer 429.
/// Mapped only when FinchSandbox:EnableFaultInjection is true.
/// </summary>
public static class FaultEndpoints
{
    public const string BasePath = "/_sandbox/faults";

    public sealed record AddFaultRequest(string? Kind, int? Count, int? LatencyMs, int? RetryAfterSeconds, string? PathPrefix);

    public sealed record FaultsResponse(IReadOnlyList<FaultRule> Faults);

    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup(BasePath).RequireFinchAuth(FinchAuthScheme.ClientCredentials);

        faults.MapPost("", (AddFaultRequest request, FaultInjector injector) =>
        {
            if (request.Kind is null || !FaultInjector.Kinds.Contains(request.Kind))
                return FinchErrors.InvalidRequest($"kind must be one of: {string.Join(", ", FaultInjector.Kinds)}.");
            if (request.Count is <= 0) return FinchErrors.InvalidRequest("count must be positive.");
            if (request.Kind == "latency" && request.LatencyMs is not (> 0 and <= 120_000))
                return FinchErrors.InvalidRequest("latency_ms must be between 1 and 120000 for a latency fault.");
            if (request.PathPrefix is { Length: > 0 } prefix && !prefix.StartsWith('/'))
                return FinchErrors.InvalidRequest("path_prefix must start with '/'.");

            var rule = injector.Add(request.Kind, request.Count ?? 1, request.LatencyMs ?? 0, request.RetryAfterSeconds ?? 60,
                string.IsNullOrEmpty(request.PathPrefix) ? "/" : request.PathPrefix);
            return Results.Json(rule, statusCode: 201);
        });

        faults.MapGet("", (FaultInjector injector) => Results.Json(new FaultsResponse(injector.Snapshot())));

        faults.MapDelete("", (FaultInjector injector) =>
        {
            injector.Reset();
            return Results.NoContent();
        });
    }
}
