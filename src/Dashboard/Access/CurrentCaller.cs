using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// The signed-in user as a <see cref="Caller"/>, resolved from the authentication state and the user's employer
/// grants. This service is scoped, so a request resolves it once; a Blazor circuit lives much longer, so there the
/// grants are read again once they are older than <see cref="GrantsRefreshInterval"/>. An admin granting or removing
/// an employer therefore reaches an open circuit on its next data access after that, and any new page load or sign-in
/// at once. Roles come from the sign-in cookie: changing them changes the security stamp, which ends the session.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authenticationState, SystemData systemData, TimeProvider clock)
{
    /// <summary>As often as <see cref="RevalidatingAuthenticationStateProvider"/> re-checks the user.</summary>
    public static readonly TimeSpan GrantsRefreshInterval = RevalidatingAuthenticationStateProvider.Interval;

    private Resolution? _resolution;

    public Task<Caller> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _resolution;
        var now = clock.GetUtcNow();
        // A failed or cancelled resolution is not kept: the next call tries again.
        if (current is null || now - current.At >= GrantsRefreshInterval || current.Caller.IsFaulted || current.Caller.IsCanceled)
        {
            current = new Resolution(ResolveAsync(cancellationToken), now);
            _resolution = current;
        }

        return current.Caller;
    }

    /// <summary>Resolves the caller again on next use, after their grants changed (e.g. they created an employer).</summary>
    public void Forget() => _resolution = null;

    private async Task<Caller> ResolveAsync(CancellationToken cancellationToken)
    {
        var user = (await authenticationState.GetAuthenticationStateAsync()).User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || userId is null)
        {
            return Caller.Anonymous;
        }

        var roles = user.FindAll(ClaimTypes.Role)
            .Select(claim => Roles.TryParse(claim.Value, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .Distinct()
            .Order()
            .ToArray();

        await using var db = await systemData.OpenAsync(cancellationToken);
        var grantedEmployerIds = await db.EmployerGrants
            .Where(g => g.UserId == userId)
            .Select(g => g.EmployerId)
            .ToListAsync(cancellationToken);

        var displayName = user.FindFirstValue(DashboardClaims.DisplayName) ?? user.Identity.Name ?? userId;
        return new Caller(userId, displayName, roles, EmployerScope.For(roles, grantedEmployerIds));
    }

    private sealed record Resolution(Task<Caller> Caller, DateTimeOffset At);
}
