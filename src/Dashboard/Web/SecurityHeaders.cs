using System.Buffers.Text;
using System.Security.Cryptography;

namespace FinchDashboard.Dashboard.Web;

/// <summary>
/// The security headers of every response the dashboard sends: pages, endpoints, static files, redirects, errors and
/// not-found answers alike. HSTS is not here: <c>UseHsts</c> sends it outside Development.
/// </summary>
public static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    /// <summary>Register first, ahead of the exception handler and status code pages, so their answers carry the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeadersMiddleware>();

    /// <summary>
    /// This response's script nonce, for the one inline script the framework renders (the import map): the
    /// Content-Security-Policy allows exactly the inline scripts carrying it.
    /// </summary>
    public static string ScriptNonce(HttpContext context) =>
        context.Items[NonceKey] as string
        ?? throw new InvalidOperationException("No script nonce for this request: UseSecurityHeaders must run before pages render.");

    private sealed class SecurityHeadersMiddleware(RequestDelegate next)
    {
        public Task InvokeAsync(HttpContext context)
        {
            // Base64url: CSP accepts it, and HTML attributes carry it without escaping.
            var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            // Written as the response starts rather than now: the exception handler clears the headers of a failed
            // response before it renders the error page.
            context.Response.OnStarting(static state =>
            {
                var (headers, nonce) = ((IHeaderDictionary, string))state;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                // frame-ancestors 'none' for browsers that predate it; this also replaces antiforgery's SAMEORIGIN.
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, (context.Response.Headers, nonce));
            return next(context);
        }

        // default-src 'self' also covers connect-src, which the circuit's WebSocket needs: CSP 3's 'self' matches ws(s)
        // on the page's own host. What the framework forces: style-src 'unsafe-inline'. MudThemeProvider writes <style>
        // blocks (the palette, scrollbars) and MudBlazor's components carry style attributes that Blazor's script sets;
        // neither can carry a nonce, and hashes would change with every theme edit. Scripts need no such exception:
        // the import map, the one inline script, carries this response's nonce. img-src allows data: for the MFA set-up
        // page's QR code, drawn on the server so no third party ever sees the authenticator key.
        private static string ContentSecurityPolicy(string nonce) =>
            "default-src 'self'; " +
            $"script-src 'self' 'nonce-{nonce}'; " +
            "style-src 'self' 'unsafe-inline'; " +
            "img-src 'self' data:; " +
            "object-src 'none'; " +
            "base-uri 'self'; " +
            "form-action 'self'; " +
            "frame-ancestors 'none'";
    }
}
