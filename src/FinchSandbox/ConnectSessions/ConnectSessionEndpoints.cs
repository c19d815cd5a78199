using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Providers;
using FinchDashboard.SandboxHosting;

namespace FinchDashboard.FinchSandbox.ConnectSessions;

public static class ConnectSessionEndpoints
{
    public sealed record IntegrationRequest(string? Provider, string? AuthMethod);

    public sealed record NewSessionRequest(
        string? CustomerId,
        string? CustomerName,
        string? CustomerEmail,
        List<string>? Products,
        IntegrationRequest? Integration,
        bool? Manual,
        int? MinutesToExpire,
        string? RedirectUri,
        string? Sandbox);

    public sealed record ReauthenticateRequest(string? ConnectionId, List<string>? Products, string? RedirectUri, int? MinutesToExpire);

    public sealed record SessionResponse(string SessionId, string ConnectUrl);

    /// <summary>Emulator extension: what GET /connect/sessions/{id} reports so the dashboard can poll a session.</summary>
    public sealed record SessionStatusResponse(
        string SessionId,
        string Type,
        string Status,
        string? CustomerId,
        string? CustomerName,
        IReadOnlyList<string> Products,
        string? RedirectUri,
        string? ConnectionId,
        DateTimeOffset CreatedAt,
        DateTimeOffset ExpiresAt,
        DateTimeOffset? OpenedAt,
        DateTimeOffset? CompletedAt);

    public static void MapConnectSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/connect/sessions").RequireFinchAuth(FinchAuthScheme.ClientCredentials);

        sessions.MapPost("", (NewSessionRequest request, ConnectSessionService service, PublicUrls urls, HttpRequest http) =>
        {
            var outcome = service.Create(request);
            return outcome.Error ?? Results.Json(Response(outcome.Value!, urls, http));
        });

        sessions.MapPost("/reauthenticate", (ReauthenticateRequest request, ConnectSessionService service, PublicUrls urls, HttpRequest http) =>
        {
            var outcome = service.CreateReauthentication(request);
            return outcome.Error ?? Results.Json(Response(outcome.Value!, urls, http));
        });

        sessions.MapGet("/{sessionId}", (string sessionId, ConnectSessionService service) =>
        {
            var status = service.Describe(sessionId);
            return status is null ? FinchErrors.NotFound($"No connect session with id '{sessionId}'.") : Results.Json(status);
        });
    }

    private static SessionResponse Response(ConnectSession session, PublicUrls urls, HttpRequest http) =>
        new(session.Id, $"{urls.BaseUrl(http)}/connect?session={Uri.EscapeDataString(session.Id)}");

    internal static string? ValidateNew(NewSessionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.CustomerId)) return "customer_id is required.";
        if (string.IsNullOrWhiteSpace(request.CustomerName)) return "customer_name is required.";
        if (FinchProducts.Validate(request.Products, required: true) is { } productError) return productError;
        if (!string.IsNullOrEmpty(request.CustomerEmail) && !request.CustomerEmail.Contains('@'))
            return "customer_email must be an email address.";
        if (request.Integration is { } integration)
        {
            var provider = ProviderCatalog.Find(integration.Provider);
            if (provider is null) return $"integration.provider '{integration.Provider}' is not a known provider_id.";
            if (integration.AuthMethod is { } method && !provider.Supports(method))
                return $"integration.auth_method '{method}' is not supported by provider '{provider.Id}'.";
        }
        if (request.Sandbox is not (null or "finch" or "provider")) return "sandbox must be 'finch' or 'provider'.";
        return ValidateCommon(request.MinutesToExpire, request.RedirectUri);
    }

    internal static string? ValidateReauthentication(ReauthenticateRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ConnectionId)) return "connection_id is required.";
        if (FinchProducts.Validate(request.Products, required: false) is { } productError) return productError;
        return ValidateCommon(request.MinutesToExpire, request.RedirectUri);
    }

    private static string? ValidateCommon(int? minutesToExpire, string? redirectUri)
    {
        if (minutesToExpire is <= 0) return "minutes_to_expire must be a positive number of minutes.";
        if (!string.IsNullOrEmpty(redirectUri)
            && (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            return "redirect_uri must be an absolute http(s) URL.";
        return null;
    }
}
