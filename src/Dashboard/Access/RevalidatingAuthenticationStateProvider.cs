using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Re-checks an open circuit's user against the database as often as the sign-in cookie is re-checked, so a deactivated
/// user or a changed password or role (security stamp) ends the session instead of living as long as the browser tab.
/// A session without the second factor its user needs (<see cref="MfaSession"/>) ends too. A lockout does not end it:
/// lockout stops new sign-ins, and if it ended sessions too, anyone who knows an email could keep its owner signed out
/// by failing five passwords.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options,
    IOptions<SecurityStampValidatorOptions> cookieValidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>The cookie's and the circuits' interval: one primary-key read per active session per interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => cookieValidation.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null || user.DeactivatedAt is not null)
        {
            return false;
        }

        if (!MfaSession.Satisfies(authenticationState.User, user))
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(user);
    }
}
