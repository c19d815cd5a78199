using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// The signed-in user as a <see cref="Caller"/>, resolved once per request or circuit (this service is scoped)
/// from the authentication state and the user's employer grants.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authenticationState, SystemData systemData)
{
    private Task<Caller>? _caller;

    public Task<Caller> GetAsync(CancellationToken cancellationToken = default) =>
        _caller ??= ResolveAsync(cancellationToken);

    /// <summary>Resolves the caller again on next use, after their grants changed (e.g. they created an employer).</summary>
    public void Forget() => _caller = null;

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
}
