using System.Security.Claims;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// Identity's sign-in with the dashboard's rules added: a deactivated account cannot sign in, and its cookie stops
/// validating; a user who needs a second factor (<see cref="MfaSession"/>) never gets a session without one.
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

    /// <summary>
    /// A role that requires MFA counts as two-factor enabled even before the user has enrolled: the password step then
    /// stops at Identity's short-lived two-factor cookie, which opens only the second step and enrolment, and the
    /// session is issued after enrolment (<see cref="SignInAfterEnrolmentAsync"/>).
    /// </summary>
    public override async Task<bool> IsTwoFactorEnabledAsync(DashboardUser user) =>
        await base.IsTwoFactorEnabledAsync(user) || Roles.RequireMfa(await RolesOfAsync(user));

    /// <summary>
    /// Every session is issued here (password, second step, enrolment, refresh), so this is where a session without
    /// the second factor is refused to a user who needs one, whichever page or future flow asks for it.
    /// </summary>
    public override async Task SignInWithClaimsAsync(DashboardUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Any(MfaSession.IsProof) && MfaSession.IsNeeded(user, await RolesOfAsync(user)))
        {
            throw new InvalidOperationException($"User {user.Id} needs a second factor; sign them in through the authenticator code or enrolment.");
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Signs in a user who has just confirmed their authenticator app, which proves the second factor.</summary>
    public async Task SignInAfterEnrolmentAsync(DashboardUser user)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await ResetLockout(user);
        await SignInWithClaimsAsync(user, isPersistent: false, [MfaSession.Proof()]);
    }

    /// <summary>Only for users who may finish the second step (<see cref="SecondStepUserAsync"/>).</summary>
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        await SecondStepUserAsync() is not null
            ? await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient)
            : SignInResult.Failed;

    /// <summary>
    /// As the authenticator code, and a locked account stays locked. A wrong recovery code counts towards lockout like a
    /// wrong authenticator code, which Identity does not do for recovery codes.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        if (await SecondStepUserAsync() is not { } user || string.IsNullOrWhiteSpace(recoveryCode))
        {
            return SignInResult.Failed;
        }

        if (await IsLockedOut(user))
        {
            return await LockedOut(user);
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded)
        {
            return result;
        }

        await UserManager.AccessFailedAsync(user);
        return await IsLockedOut(user) ? await LockedOut(user) : result;
    }

    public override async Task<DashboardUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { DeactivatedAt: null } && MfaSession.Satisfies(principal!, user) ? user : null;
    }

    /// <summary>
    /// The user waiting at the second step, if they may finish it: enrolled (a key shown but never confirmed is not a
    /// second factor yet) and not deactivated since they gave their password.
    /// </summary>
    private async Task<DashboardUser?> SecondStepUserAsync() =>
        await GetTwoFactorAuthenticationUserAsync() is { TwoFactorEnabled: true, DeactivatedAt: null } user ? user : null;

    private async Task<IReadOnlyList<Role>> RolesOfAsync(DashboardUser user) =>
        [.. (await UserManager.GetRolesAsync(user)).Select(name => Roles.TryParse(name, out var role) ? role : (Role?)null).OfType<Role>()];
}
