using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Re-checks an open circuit's user against the database every minute, so a deactivated user or a changed password
/// or role (security stamp) ends the session instead of living as long as the browser tab. A session without the second
/// factor its user needs (<see cref="MfaSession"/>) ends too.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>One primary-key read per open circuit per interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is null || user.DeactivatedAt is not null || await userManager.IsLockedOutAsync(user))
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
