using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Re-checks an open circuit's sign-in as often as the sign-in cookie is re-checked, so a session that ended (signed out
/// elsewhere, ended by an admin, idle, too old), a deactivated user or a changed password or role (security stamp) ends
/// the circuit instead of living as long as the browser tab. A session without the second factor its user needs
/// (<see cref="MfaSession"/>) ends too. A lockout does not end it: lockout stops new sign-ins, and if it ended sessions
/// too, anyone who knows an email could keep its owner signed out by failing five passwords.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    SignInSessionStore sessions,
    IOptions<IdentityOptions> options,
    IOptions<SecurityStampValidatorOptions> cookieValidation)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>The cookie's and the circuits' interval: two primary-key reads per open circuit per interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => cookieValidation.Value.ValidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillSignedInAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether a circuit signed in as <paramref name="user"/> may go on; false ends it (to the sign-in page).</summary>
    public async Task<bool> IsStillSignedInAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(DashboardClaims.SessionId) is not { } sessionId
            || !await sessions.IsLiveAsync(sessionId, cancellationToken))
        {
            return false;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var account = await userManager.GetUserAsync(user);
        if (account is null || account.DeactivatedAt is not null)
        {
            return false;
        }

        if (!MfaSession.Satisfies(user, account))
        {
            return false;
        }

        if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = user.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await userManager.GetSecurityStampAsync(account);
    }
}
