using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Connections;

namespace FinchDashboard.FinchSandbox.Auth;

public static class TokenEndpoints
{
    public sealed record TokenRequest(string? ClientId, string? ClientSecret, string? Code, string? RedirectUri);

    public sealed record TokenResponse(
        string AccessToken,
        string TokenType,
        string ConnectionId,
        string? CustomerId,
        string? CustomerName,
        string AccountId,
        string CompanyId,
        string ProviderId,
        IReadOnlyList<string> Products,
        string ConnectionType,
        string ClientType,
        IReadOnlyList<string> EntityIds);

    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        // Credentials travel in the JSON body here, not in a Basic header (SDK AccessTokens.create sends no Authorization).
        app.MapPost("/auth/token", (TokenRequest request, ClientCredentials credentials, ConnectionService connections) =>
        {
            if (!credentials.AreValid(request.ClientId, request.ClientSecret)) return FinchErrors.InvalidClient();
            if (string.IsNullOrWhiteSpace(request.Code)) return FinchErrors.InvalidRequest("code is required.");

            var outcome = connections.ExchangeCode(request.Code, request.RedirectUri);
            return outcome.Error ?? Results.Json(outcome.Value);
        });
    }
}
