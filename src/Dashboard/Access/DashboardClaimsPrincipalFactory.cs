using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Adds the user's display name to the sign-in so the header needs no database call, and marks a user who still has
/// to replace a generated password (<see cref="PasswordChangeGate"/>).
/// </summary>
public sealed class DashboardClaimsPrincipalFactory(
    UserManager<DashboardUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DashboardUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DashboardUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DashboardClaims.DisplayName, user.DisplayName));
        if (user.PasswordChangeRequired)
        {
            identity.AddClaim(new Claim(DashboardClaims.PasswordChangeRequired, "true"));
        }

        return identity;
    }
}
