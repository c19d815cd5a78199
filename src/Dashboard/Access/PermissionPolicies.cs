using System.Security.Claims;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// One authorization policy per <see cref="Permission"/>, so pages and endpoints ask the same role → permission table
/// the services do: <c>[Authorize(Policy = nameof(Permission.ViewAuditLog))]</c>.
/// </summary>
public static class PermissionPolicies
{
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Permissions.All)
        {
            options.AddPolicy(permission.ToString(), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindAll(ClaimTypes.Role)
                    .Any(claim => Roles.TryParse(claim.Value, out var role) && role.Grants(permission))));
        }
    }
}
