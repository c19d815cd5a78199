using System.Security.Cryptography;
using System.Text;
using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Auth;

public enum FinchAuthScheme
{
    /// <summary>HTTP Basic with client_id:client_secret (connect sessions, sandbox connection creation).</summary>
    ClientCredentials,
    /// <summary>Bearer access token (everything bound to a connection).</summary>
    AccessToken,
    ClientCredentialsOrAccessToken,
}

/// <summary>Endpoint metadata naming the credentials an endpoint needs.</summary>
public sealed record FinchAuthRequirement(FinchAuthScheme Scheme);

public static class FinchAuthExtensions
{
    private const string TokenItemKey = "FinchSandbox.AccessToken";

    public static TBuilder RequireFinchAuth<TBuilder>(this TBuilder builder, FinchAuthScheme scheme)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new FinchAuthRequirement(scheme));

    /// <summary>The access token the auth middleware resolved for this request.</summary>
    public static AccessToken GetAccessToken(this HttpContext context) =>
        context.Items[TokenItemKey] as AccessToken
        ?? throw new InvalidOperationException("Endpoint reads the access token but does not require FinchAuthScheme.AccessToken.");

    public static AccessToken? FindAccessToken(this HttpContext context) => context.Items[TokenItemKey] as AccessToken;

    internal static void SetAccessToken(this HttpContext context, AccessToken token) => context.Items[TokenItemKey] = token;
}

/// <summary>Checks client credentials in constant time, whether they arrive as Basic auth or in a JSON body.</summary>
public sealed class ClientCredentials(IOptions<FinchSandboxOptions> options)
{
    public bool AreValid(string? clientId, string? clientSecret) =>
        clientId is not null && clientSecret is not null
        && FixedTimeEquals(clientId, options.Value.ClientId)
        && FixedTimeEquals(clientSecret, options.Value.ClientSecret);

    public bool AreValidBasic(string authorizationHeader)
    {
        if (!authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        return colon > 0 && AreValid(decoded[..colon], decoded[(colon + 1)..]);
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}

/// <summary>
/// Enforces <see cref="FinchAuthRequirement"/> before the endpoint binds its body, so bad credentials answer 401
/// even when the body is also wrong — the order Finch uses.
/// </summary>
public sealed class FinchAuthMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ClientCredentials credentials, SandboxStore store)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<FinchAuthRequirement>();
        if (requirement is null)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var failure = requirement.Scheme switch
        {
            FinchAuthScheme.ClientCredentials => credentials.AreValidBasic(header) ? null : FinchErrors.InvalidClient(),
            FinchAuthScheme.AccessToken => AuthenticateBearer(context, header, store),
            _ => header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                ? (credentials.AreValidBasic(header) ? null : FinchErrors.InvalidClient())
                : AuthenticateBearer(context, header, store),
        };

        if (failure is not null)
        {
            await failure.ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static IResult? AuthenticateBearer(HttpContext context, string header, SandboxStore store)
    {
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return FinchErrors.MissingToken();
        var token = store.FindUsableToken(header["Bearer ".Length..].Trim());
        if (token is null) return FinchErrors.InvalidToken();
        context.SetAccessToken(token);
        return null;
    }
}
