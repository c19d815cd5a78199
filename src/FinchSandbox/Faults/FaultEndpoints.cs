using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Connections;
using FinchDashboard.FinchSandbox.State;

namespace FinchDashboard.FinchSandbox.Faults;

/// <summary>
/// Emulator-only control endpoints (not part of Finch's API): make the next calls slow, fail with 500, answer 429 or
/// answer one of Finch's documented errors (401 account_setup_required, 402, 403, 422, 501), report another client_type,
/// and move a connection into a status by its connection_id (Finch's own sandbox endpoint needs that connection's
/// token, which a browser test of the dashboard never sees), and list the calls a connection's tokens made. Mapped
/// only when FinchSandbox:EnableFaultInjection is true.
/// </summary>
public static class FaultEndpoints
{
    public const string BasePath = "/_sandbox/faults";

    public sealed record AddFaultRequest(string? Kind, int? Count, int? LatencyMs, int? RetryAfterSeconds, string? PathPrefix, string? ClientType);

    public sealed record FaultsResponse(IReadOnlyList<FinchFaultRule> Faults);

    public sealed record SetStatusRequest(string? ConnectionStatus);

    public sealed record RequestsResponse(IReadOnlyList<LoggedRequest> Requests);

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
            if (request.Kind == "client_type" && (request.ClientType is null || !FaultInjector.ClientTypes.Contains(request.ClientType)))
                return FinchErrors.InvalidRequest($"client_type must be one of: {string.Join(", ", FaultInjector.ClientTypes)} for a client_type fault.");
            if (request.PathPrefix is { Length: > 0 } prefix && !prefix.StartsWith('/'))
                return FinchErrors.InvalidRequest("path_prefix must start with '/'.");

            var rule = injector.Add(request.Kind, request.Count ?? 1, request.LatencyMs ?? 0, request.RetryAfterSeconds ?? 60,
                string.IsNullOrEmpty(request.PathPrefix) ? "/" : request.PathPrefix, request.ClientType);
            return Results.Json(rule, statusCode: 201);
        });

        faults.MapGet("", (FaultInjector injector) => Results.Json(new FaultsResponse(injector.Snapshot())));

        app.MapPut("/_sandbox/connections/{connectionId}/status", (string connectionId, SetStatusRequest request, SandboxStore store, ConnectionService connections) =>
        {
            if (request.ConnectionStatus is not { } status || !ConnectionStatuses.Settable.Contains(status))
                return FinchErrors.InvalidRequest($"connection_status must be one of: {string.Join(", ", ConnectionStatuses.Settable)}.");
            Connection? connection;
            lock (store.Gate)
            {
                store.Connections.TryGetValue(connectionId, out connection);
            }

            if (connection is null) return FinchErrors.InvalidRequest($"No connection {connectionId}.");
            connections.SetStatus(connection, status);
            return Results.NoContent();
        }).RequireFinchAuth(FinchAuthScheme.ClientCredentials);

        app.MapGet("/_sandbox/connections/{connectionId}/requests", (string connectionId, RequestLog log) =>
                Results.Json(new RequestsResponse(log.Of(connectionId))))
            .RequireFinchAuth(FinchAuthScheme.ClientCredentials);

        faults.MapDelete("", (FaultInjector injector) =>
        {
            injector.Reset();
            return Results.NoContent();
        });
    }
}
