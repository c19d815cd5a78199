using System.Security.Claims;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Users;

/// <summary>
/// What every signed-in user does to their own account, on the static account pages (they need the HTTP request to
/// change the sign-in cookie): choose a new password, which a generated one requires, and sign out everywhere.
/// </summary>
public sealed class OwnAccount(
    CurrentCaller currentCaller,
    UserManager<DashboardUser> users,
    SignInManager<DashboardUser> signIn,
    EmployerData data,
    AuditTrail audit,
    ILogger<OwnAccount> logger)
{
    private const string TargetType = "user";

    /// <summary>
    /// Replaces the caller's password when the current one is right and the new one passes Identity's rules, and ends
    /// their other sessions; this browser stays signed in, no longer held at the change-password page. Empty when it
    /// changed, otherwise what to fix.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(
        ClaimsPrincipal principal, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (caller.UserId is null || await users.FindByIdAsync(caller.UserId) is not { } user)
        {
            return ["Your account no longer exists. Ask an administrator."];
        }

        if (newPassword == currentPassword)
        {
            return ["Choose a new password, different from the one you have now."];
        }

        // Saved with the new password, in the same update, or not at all.
        var wasRequired = user.PasswordChangeRequired;
        user.PasswordChangeRequired = false;
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            user.PasswordChangeRequired = wasRequired;
            return [.. changed.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? "Your current password is not right. Type it again."
                : e.Description)];
        }

        await using (var db = await data.OpenAsync(cancellationToken))
        {
            var ended = await SignInSessionStore.EndAllAsync(db, user.Id, principal.FindFirstValue(DashboardClaims.SessionId), cancellationToken);
            audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.PasswordChanged, AuditOutcome.Succeeded, TargetType, user.Id, null)
            {
                Detail = (wasRequired ? "Replaced the generated password with their own" : "Changed their password")
                    + (ended > 0 ? $"; {ended} other session(s) ended." : "."),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        // A new session for this browser, with claims read afresh: the password change no longer holds it back.
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        return [];
    }

    /// <summary>Ends every session of the caller, this browser's included, so every copy of their cookie stops working.</summary>
    public async Task SignOutEverywhereAsync(CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (caller.UserId is { } userId)
        {
            await using var db = await data.OpenAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ended = await SignInSessionStore.EndAllAsync(db, userId, keep: null, cancellationToken);
            audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.SignedOutEverywhere, AuditOutcome.Succeeded, TargetType, userId, null)
            {
                Detail = $"Signed out everywhere: {ended} session(s) ended.",
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("User {UserId} signed out everywhere", userId);
        }

        await signIn.SignOutAsync();
    }
}
