using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Re-checks an open circuit's sign-in every minute, so a session that ended (signed out elsewhere, ended by an admin,
/// idle, too old), a deactivated user or a changed password or role (security stamp) ends the circuit instead of
/// living as long as the browser tab.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    SignInSessionStore sessions,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Two primary-key reads per open circuit per interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

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
        if (account is null || account.DeactivatedAt is not null || await userManager.IsLockedOutAsync(account))
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
