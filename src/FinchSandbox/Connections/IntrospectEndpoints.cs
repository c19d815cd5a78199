using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Faults;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Connections;

public static class IntrospectEndpoints
{
    public sealed record ConnectionStatusDto(string Status, string? Message, DateTimeOffset? LastSuccessfulSync);

    public sealed record AuthenticationMethodDto(string Type, ConnectionStatusDto ConnectionStatus, IReadOnlyList<string> Products);

    public sealed record EntityDto(string Id, string? Name, string? SourceId, string Status);

    /// <summary>The Introspection shape of the SDK (account.ts), deprecated fields included because clients still read them.</summary>
    public sealed record IntrospectionResponse(
        string Id,
        string ClientId,
        string ClientType,
        string ConnectionId,
        ConnectionStatusDto ConnectionStatus,
        string ConnectionType,
        IReadOnlyList<string> Products,
        string ProviderId,
        string AccountId,
        IReadOnlyList<AuthenticationMethodDto> AuthenticationMethods,
        string CompanyId,
        string? CustomerEmail,
        string? CustomerId,
        string? CustomerName,
        IReadOnlyList<EntityDto> Entities,
        bool Manual,
        string PayrollProviderId,
        string? Username);

    public static void MapIntrospectEndpoints(this IEndpointRouteBuilder app)
    {
        // Introspect answers whatever the connection status: it is how a client learns it is in reauth.
        app.MapGet("/introspect", (HttpContext context, SandboxStore store, IOptions<FinchSandboxOptions> options) =>
        {
            var token = context.GetAccessToken();
            lock (store.Gate)
            {
                // A client_type fault stands in for a token of an application in another Finch environment.
                var clientType = context.Items[FaultInjector.ClientTypeItem] as string ?? options.Value.ClientType;
                return Results.Json(Describe(store.Connections[token.ConnectionId], token, options.Value, clientType));
            }
        }).RequireFinchAuth(FinchAuthScheme.AccessToken);
    }

    private static IntrospectionResponse Describe(Connection connection, AccessToken token, FinchSandboxOptions options, string clientType)
    {
        var status = new ConnectionStatusDto(connection.Status, connection.StatusMessage ?? DefaultMessage(connection.Status), connection.LastSuccessfulSync);
        var account = connection.Accounts.First(a => a.Id == token.AccountId);
        var methods = connection.Accounts
            .GroupBy(a => a.AuthenticationMethod)
            .Select(g => new AuthenticationMethodDto(g.Key, status, [.. g.SelectMany(a => a.Products).Distinct()]))
            .ToList();
        // Every entity ever connected stays listed, each with its own status (Finch's "Disconnect Connections" guide).
        var entities = connection.Entities
            .Select(e => new EntityDto(e.Id, e.Name, e.SourceId, e.Disconnected ? ConnectionStatuses.Disconnected : connection.Status))
            .ToList();
        return new IntrospectionResponse(
            token.Id, options.ClientId, clientType, connection.Id, status, connection.ConnectionType, token.Products,
            connection.ProviderId, account.Id, methods, connection.CompanyId, connection.CustomerEmail, connection.CustomerId,
            connection.CustomerName, entities, connection.Manual, connection.ProviderId, account.Username);
    }

    private static string DefaultMessage(string status) => status switch
    {
        ConnectionStatuses.Connected => "The connection is healthy.",
        ConnectionStatuses.Pending => "Finch is waiting for access to be granted.",
        ConnectionStatuses.Processing => "Finch is syncing data for this connection.",
        ConnectionStatuses.Reauth => "The employer needs to reauthenticate.",
        ConnectionStatuses.ErrorPermissions => "The connected account lacks the permissions Finch needs.",
        ConnectionStatuses.ErrorNoAccountSetup => "The employer has not finished setting up the account.",
        _ => status,
    };
}
