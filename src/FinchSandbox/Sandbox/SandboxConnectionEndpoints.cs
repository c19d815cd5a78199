using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Connections;
using FinchDashboard.FinchSandbox.Providers;
using FinchDashboard.FinchSandbox.State;
using FinchDashboard.SandboxHosting;

namespace FinchDashboard.FinchSandbox.Sandbox;

/// <summary>Finch's sandbox-only endpoints for creating and steering connections without going through Connect.</summary>
public static class SandboxConnectionEndpoints
{
    public sealed record CreateConnectionRequest(string? ProviderId, string? AuthenticationType, int? EmployeeSize, List<string>? Products);

    public sealed record CreateConnectionResponse(
        string AccessToken, string AccountId, string AuthenticationType, string ConnectionId, string EntityId,
        IReadOnlyList<string> Products, string ProviderId, string TokenType, string CompanyId);

    public sealed record CreateAccountRequest(string? CompanyId, string? ProviderId, string? AuthenticationType, List<string>? Products);

    public sealed record CreateAccountResponse(
        string AccessToken, string AccountId, string AuthenticationType, string CompanyId, string ConnectionId, string EntityId,
        IReadOnlyList<string> Products, string ProviderId);

    public sealed record UpdateAccountRequest(string? ConnectionStatus);

    public sealed record UpdateAccountResponse(
        string AccountId, string AuthenticationType, string CompanyId, string ConnectionId, string EntityId,
        IReadOnlyList<string> Products, string ProviderId);

    public static void MapSandboxConnectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/connections", (CreateConnectionRequest request, HttpRequest http, ConnectionService connections, PublicUrls urls) =>
        {
            var provider = ProviderCatalog.Find(request.ProviderId);
            var error = ValidateAccount(provider, request.ProviderId, request.AuthenticationType, request.Products)
                        ?? (request.EmployeeSize is <= 0 or > 10_000 ? "employee_size must be between 1 and 10000." : null);
            if (error is not null) return FinchErrors.InvalidRequest(error);

            var method = request.AuthenticationType ?? provider!.AuthenticationMethods[0];
            var products = Products(request.Products);
            // employee_size is validated like Finch does; the emulator generates no individuals, so it has no further effect.
            var (connection, account) = connections.CreateConnection(provider!.Id, "finch",
                new NewAccount(method, products, null, [CompanyNames.Random()]), urls.BaseUrl(http));
            var token = connections.IssueToken(connection, account, products);
            return Results.Json(new CreateConnectionResponse(token.Token, account.Id, method, connection.Id,
                connection.Entities.First(e => e.AccountId == account.Id).Id, products, connection.ProviderId, "bearer", connection.CompanyId));
        }).RequireFinchAuth(FinchAuthScheme.ClientCredentials);

        app.MapPost("/sandbox/connections/accounts", (CreateAccountRequest request, ConnectionService connections, SandboxStore store) =>
        {
            var provider = ProviderCatalog.Find(request.ProviderId);
            var error = string.IsNullOrWhiteSpace(request.CompanyId)
                ? "company_id is required."
                : ValidateAccount(provider, request.ProviderId, request.AuthenticationType, request.Products);
            if (error is not null) return FinchErrors.InvalidRequest(error);

            Connection? connection;
            lock (store.Gate)
            {
                connection = store.Connections.Values.FirstOrDefault(c => c.IsLive && c.CompanyId == request.CompanyId && c.ProviderId == provider!.Id);
            }
            if (connection is null)
                return FinchErrors.NotFound($"No connection for company '{request.CompanyId}' on provider '{provider!.Id}'.");

            var method = request.AuthenticationType ?? provider!.AuthenticationMethods[0];
            var products = Products(request.Products);
            var account = connections.AddAccount(connection, new NewAccount(method, products, null, [CompanyNames.Random()]));
            var token = connections.IssueToken(connection, account, products);
            return Results.Json(new CreateAccountResponse(token.Token, account.Id, method, connection.CompanyId, connection.Id,
                connection.Entities.First(e => e.AccountId == account.Id).Id, products, connection.ProviderId));
        }).RequireFinchAuth(FinchAuthScheme.ClientCredentials);

        // Bearer-authenticated and deliberately not status-gated: it is how a test moves a connection out of reauth.
        app.MapPut("/sandbox/connections/accounts", (UpdateAccountRequest request, HttpContext context, ConnectionService connections, SandboxStore store) =>
        {
            if (request.ConnectionStatus is { } status && !ConnectionStatuses.Settable.Contains(status))
                return FinchErrors.InvalidRequest($"connection_status must be one of: {string.Join(", ", ConnectionStatuses.Settable)}.");

            var token = context.GetAccessToken();
            var connection = connections.ConnectionOf(token);
            if (request.ConnectionStatus is { } newStatus) connections.SetStatus(connection, newStatus);
            lock (store.Gate)
            {
                var account = connection.Accounts.First(a => a.Id == token.AccountId);
                var entity = connection.Entities.FirstOrDefault(e => e.AccountId == account.Id) ?? connection.Entities[0];
                return Results.Json(new UpdateAccountResponse(account.Id, account.AuthenticationMethod, connection.CompanyId, connection.Id,
                    entity.Id, token.Products, connection.ProviderId));
            }
        }).RequireFinchAuth(FinchAuthScheme.AccessToken);
    }

    private static string? ValidateAccount(ProviderDefinition? provider, string? providerId, string? authenticationType, List<string>? products)
    {
        if (string.IsNullOrWhiteSpace(providerId)) return "provider_id is required.";
        if (provider is null) return $"provider_id '{providerId}' is not a known provider.";
        if (authenticationType is not null && !provider.Supports(authenticationType))
            return $"authentication_type '{authenticationType}' is not supported by provider '{provider.Id}' (supported: {string.Join(", ", provider.AuthenticationMethods)}).";
        return FinchProducts.Validate(products, required: false);
    }

    private static List<string> Products(List<string>? requested) =>
        requested is { Count: > 0 } ? [.. requested.Distinct()] : [.. FinchProducts.Organization];
}
