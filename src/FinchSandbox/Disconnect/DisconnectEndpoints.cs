using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Connections;

namespace FinchDashboard.FinchSandbox.Disconnect;

public static class DisconnectEndpoints
{
    public sealed record DisconnectEntityRequest(List<string>? EntityIds);

    public sealed record StatusResponse(string Status);

    public static void MapDisconnectEndpoints(this IEndpointRouteBuilder app)
    {
        // Both work in any connection status: an application must be able to offboard a broken connection too.
        app.MapPost("/disconnect", (HttpContext context, ConnectionService connections) =>
        {
            connections.Disconnect(context.GetAccessToken());
            return Results.Json(new StatusResponse("success"));
        }).RequireFinchAuth(FinchAuthScheme.AccessToken);

        app.MapPost("/disconnect-entity", (DisconnectEntityRequest request, HttpContext context, ConnectionService connections) =>
        {
            if (request.EntityIds is not { Count: > 0 } ids || ids.Any(string.IsNullOrWhiteSpace))
                return FinchErrors.InvalidRequest("entity_ids must contain at least one entity id.");
            return connections.DisconnectEntities(context.GetAccessToken(), ids) ?? Results.Json(new StatusResponse("success"));
        }).RequireFinchAuth(FinchAuthScheme.AccessToken);
    }
}
