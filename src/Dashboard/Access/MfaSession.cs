using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// The rule a session must meet about its second factor. Identity marks a sign-in that passed the second step with the
/// claim <c>amr</c> = <c>mfa</c> (a password alone gives <c>pwd</c>), and the mark stays in the cookie. A user who has
/// MFA on, or whose roles require it, may only hold a session carrying that mark.
/// </summary>
public static class MfaSession
{
    private const string AuthenticationMethod = "amr";
    private const string MultiFactor = "mfa";

    /// <summary>The mark for a session whose user just proved their second factor (e.g. by confirming enrolment).</summary>
    public static Claim Proof() => new(AuthenticationMethod, MultiFactor);

    /// <summary>
    /// Identity rebuilds the principal from the database each time it re-checks the security stamp, and drops how the
    /// user signed in; this carries the mark over, or the session would fail the rule at the next check.
    /// </summary>
    public static Task KeepProofAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.Claims.Any(IsProof) == true && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(Proof());
        }

        return Task.CompletedTask;
    }

    public static bool IsProof(Claim claim) => claim is { Type: AuthenticationMethod, Value: MultiFactor };

    public static bool IsNeeded(DashboardUser user, IEnumerable<Role> roles) => user.TwoFactorEnabled || Roles.RequireMfa(roles);

    /// <summary>Whether <paramref name="session"/>, a signed-in user's principal, may stay signed in as <paramref name="user"/>.</summary>
    public static bool Satisfies(ClaimsPrincipal session, DashboardUser user) =>
        session.Claims.Any(IsProof) || !IsNeeded(user, RolesOf(session));

    private static IEnumerable<Role> RolesOf(ClaimsPrincipal session) =>
        session.FindAll(ClaimTypes.Role).Select(claim => Roles.TryParse(claim.Value, out var role) ? role : (Role?)null).OfType<Role>();
}
