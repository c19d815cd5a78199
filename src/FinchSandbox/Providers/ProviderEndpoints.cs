using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.SandboxHosting;

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
        string PrimaryColor,
        string Icon,
        string Logo);

    public static void MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        // The SDK sends a bearer token; a dashboard building a Connect link has only client credentials,
        // so either is accepted. The body is a bare array (SinglePage in the SDK).
        // icon and logo are absolute URLs, as Finch's point at its CDN; these point at the emulator's own drawings.
        app.MapGet("/providers", (HttpRequest http, PublicUrls urls) =>
            {
                var baseUrl = urls.BaseUrl(http);
                return Results.Json(ProviderCatalog.All.Select(p => new ProviderDto(
                    p.Id, p.DisplayName, p.Products, [.. p.AuthenticationMethods.Select(m => new AuthenticationMethodDto(m))],
                    Beta: false, p.Manual, p.MfaRequired, p.PrimaryColor, baseUrl + ProviderLogos.IconPath(p), baseUrl + ProviderLogos.LogoPath(p))));
            })
            .RequireFinchAuth(FinchAuthScheme.ClientCredentialsOrAccessToken);
    }
}
