using System.Security.Cryptography;
using System.Text;
using FinchDashboard.StripeSandbox.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Api;

/// <summary>
/// The API (<c>/v1</c>) and the emulator's control endpoints (<c>/_sandbox</c>) take the secret key as
/// <c>Bearer sk_…</c> or as the Basic user name (<c>curl -u sk_…:</c>). The hosted page is for the user's browser: its
/// client_secret is the capability.
/// </summary>
public sealed class StripeAuthMiddleware(RequestDelegate next, IOptions<StripeSandboxOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1") && !context.Request.Path.StartsWithSegments("/_sandbox"))
            return next(context);

        var key = KeyOf(context.Request.Headers.Authorization.ToString());
        if (string.IsNullOrEmpty(key)) return StripeErrors.MissingApiKey().ExecuteAsync(context);
        var expected = Encoding.UTF8.GetBytes(options.Value.SecretKey);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), expected)
            ? next(context)
            : StripeErrors.InvalidApiKey(key).ExecuteAsync(context);
    }

    private static string? KeyOf(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
