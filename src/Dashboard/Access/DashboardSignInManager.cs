using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Identity's sign-in with one rule added: a deactivated account cannot sign in, and its cookie stops validating.
/// </summary>
public sealed class DashboardSignInManager(
    UserManager<DashboardUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DashboardUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DashboardUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DashboardUser> confirmation)
    : SignInManager<DashboardUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>
    /// Answers "not allowed" only after the password proved right: a wrong password still counts towards lockout, and
    /// nobody learns that an account is deactivated without knowing its password.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(DashboardUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (result.Succeeded && user.DeactivatedAt is not null)
        {
            Logger.LogWarning("Sign-in refused: user {UserId} is deactivated", user.Id);
            return SignInResult.NotAllowed;
        }

        return result;
    }

    public override async Task<DashboardUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user?.DeactivatedAt is null ? user : null;
    }
}
