using Microsoft.AspNetCore.Antiforgery;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Access;

public static class AccountEndpoints
{
    /// <summary>Where an open page reports that its user is active, relative to the base address.</summary>
    public const string ActivityPath = "account/activity";

    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");

        // A form post (with the antiforgery token the layout renders), so a link on another site cannot sign users out.
        // Ends the session in the database (SignInSessionStore), so a copy of the cookie stops working too. Anonymous, so
        // signing out of an expired session lands on sign-in rather than in a challenge whose return address is this
        // POST-only endpoint.
        account.MapPost("/logout", async (SignInManager<DashboardUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        }).AllowAnonymous().AddEndpointFilter(ValidateAntiforgery).WithMetadata(new ReachableBeforePasswordChangeAttribute());

        // Authenticating the request is the whole work: the session store records the sighting, so a user busy inside
        // one page (MainLayout.razor.js) is not taken for idle. It changes nothing else, so it needs no antiforgery token.
        account.MapPost("/activity", () => TypedResults.NoContent()).RequireAuthorization();

        return account;
    }

    /// <summary>
    /// Minimal API endpoints are not Razor components, so Blazor does not hand their user to the
    /// <see cref="AuthenticationStateProvider"/>. Doing it here lets <see cref="CurrentCaller"/> work the same in
    /// endpoints (exports, callbacks) as in pages.
    /// </summary>
    public static IApplicationBuilder UseCallerAuthenticationState(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.RequestServices.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            {
                host.SetAuthenticationState(Task.FromResult(new AuthenticationState(context.User)));
            }

            return next(context);
        });

    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return TypedResults.BadRequest("The form expired. Reload the page and try again.");
        }

        return await next(context);
    }
}
