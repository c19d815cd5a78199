using FinchDashboard.FinchSandbox.Auth;

namespace FinchDashboard.FinchSandbox.Providers;

public static class ProviderEndpoints
{
    private sealed record AuthenticationMethodDto(string Type);

    private sealed record ProviderDto(
        string Id,
        string DisplayName,
        IReadOnlyList<string> Products,
        IReadOnlyList<AuthenticationMethodDto> AuthenticationMethods,
        bool Beta,
        bool Manual,
        bool MfaRequired,
        string PrimaryColor);

    public static void MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        // The SDK sends a bearer token; a dashboard building a Connect link has only client credentials,
        // so either is accepted. The body is a bare array (SinglePage in the SDK).
        app.MapGet("/providers", () => Results.Json(ProviderCatalog.All.Select(p => new ProviderDto(
                p.Id, p.DisplayName, p.Products, [.. p.AuthenticationMethods.Select(m => new AuthenticationMethodDto(m))],
                Beta: false, p.Manual, p.MfaRequired, p.PrimaryColor))))
            .RequireFinchAuth(FinchAuthScheme.ClientCredentialsOrAccessToken);
    }
}
