using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.StaticAssets;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Holds a user who signed in with a generated password (<see cref="DashboardClaims.PasswordChangeRequired"/>) at the
/// change-password page: every page and endpoint that needs a sign-in answers with a redirect there, on the server,
/// so no link, bookmark, export or circuit gets around it. Anonymous endpoints (sign-in, webhooks) other than the circuit's, static files (the
/// same for everyone, and the page needs its styles) and those marked <see cref="ReachableBeforePasswordChangeAttribute"/>
/// (the page itself, sign-out) stay open.
/// </summary>
public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/account/change-password";

    /// <summary>
    /// Blazor's hub: anonymous for the not-found page's circuit (<see cref="AnonymousEndpoints"/>), yet a circuit of a
    /// held user would reach every page, so it is held too.
    /// </summary>
    private const string CircuitPath = "/_blazor";

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.User.HasClaim(claim => claim.Type == DashboardClaims.PasswordChangeRequired)
                && context.GetEndpoint() is { } endpoint
                && (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null || context.Request.Path.StartsWithSegments(CircuitPath))
                && endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is null
                && endpoint.Metadata.GetMetadata<ReachableBeforePasswordChangeAttribute>() is null)
            {
                context.Response.Redirect(ChangePasswordPath);
                return Task.CompletedTask;
            }

            return next(context);
        });
}

/// <summary>Marks a page or endpoint that a user who must change their password can still reach.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ReachableBeforePasswordChangeAttribute : Attribute;
