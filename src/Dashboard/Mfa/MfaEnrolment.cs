using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Mfa;

public abstract record MfaEnrolmentResult
{
    /// <summary>Two-step sign-in is on: show these codes once.</summary>
    public sealed record Enrolled(RecoveryCodes RecoveryCodes) : MfaEnrolmentResult;

    public sealed record Refused(string Problem) : MfaEnrolmentResult;
}

/// <summary>
/// A user setting up their own authenticator app and recovery codes through Identity's authenticator support. Used by
/// the static account pages, one request each, so the request's Identity context is this service's too; each change is
/// saved in one transaction with its audit record.
/// </summary>
public sealed class MfaEnrolment(
    UserManager<DashboardUser> users,
    IUserStore<DashboardUser> store,
    DashboardDbContext db,
    AuditTrail audit,
    IOptions<MfaOptions> options,
    ILogger<MfaEnrolment> logger)
{
    private const string TargetType = "user";

    /// <summary>
    /// The key to add to an authenticator app, made on first use and kept until enrolment is confirmed, so coming back
    /// shows the same QR code. Made without Identity's reset, which would also end the user's other sessions.
    /// </summary>
    public async Task<AuthenticatorSetup> SetupAsync(DashboardUser user, CancellationToken cancellationToken = default)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = await FirstKeyAsync(user, cancellationToken);
        }

        return AuthenticatorSetup.For(key, user.Email ?? user.Id, options.Value.Issuer);
    }

    /// <summary>
    /// Makes the user's key, or takes the one a concurrent request has just made: a double click or a second tab opens
    /// the page twice at once, and two keys saved over one concurrency stamp would fail one of the pages.
    /// </summary>
    private async Task<string> FirstKeyAsync(DashboardUser user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT id FROM asp_net_users WHERE id = {user.Id} FOR UPDATE", cancellationToken);
        await db.Entry(user).ReloadAsync(cancellationToken);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await UseKeyAsync(user, key);
        }

        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>Sets a known key (demo mode, whose key is published). Enrolment still has to be confirmed or switched on.</summary>
    public async Task UseKeyAsync(DashboardUser user, string key)
    {
        await ((IUserAuthenticatorKeyStore<DashboardUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
        Check(await users.UpdateAsync(user));
    }

    /// <summary>Turns two-step sign-in on once <paramref name="typedCode"/> shows the app holds the key, and issues recovery codes.</summary>
    public async Task<MfaEnrolmentResult> EnrolAsync(DashboardUser user, string? typedCode, CancellationToken cancellationToken = default)
    {
        if (user.TwoFactorEnabled)
        {
            return new MfaEnrolmentResult.Refused("Two-step sign-in is already on for your account.");
        }

        if (AuthenticatorCode.Normalize(typedCode) is not { } code)
        {
            return new MfaEnrolmentResult.Refused($"Enter the {AuthenticatorCode.Length}-digit code your authenticator app shows.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return new MfaEnrolmentResult.Refused(
                "That code does not match. Check that your phone sets its clock automatically, then enter the code the app shows now.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Also changes the security stamp: sessions signed in before, without the second factor, end.
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = await NewRecoveryCodesAsync(user, AuditAction.AuthenticatorEnrolled,
            $"{Describe(user)} set up an authenticator app; signing in now asks for its code.", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("User {UserId} turned on two-step sign-in", user.Id);
        return new MfaEnrolmentResult.Enrolled(codes);
    }

    public Task<int> RecoveryCodesLeftAsync(DashboardUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Replaces the user's recovery codes with new ones: the old ones stop working.</summary>
    public async Task<RecoveryCodes> RenewRecoveryCodesAsync(DashboardUser user, CancellationToken cancellationToken = default)
    {
        if (!user.TwoFactorEnabled)
        {
            throw new InvalidOperationException("Recovery codes belong to two-step sign-in, which this user has not set up.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var codes = await NewRecoveryCodesAsync(user, AuditAction.RecoveryCodesRenewed,
            $"{Describe(user)} made new recovery codes; the old ones stopped working.", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("User {UserId} renewed their recovery codes", user.Id);
        return codes;
    }

    private async Task<RecoveryCodes> NewRecoveryCodesAsync(DashboardUser user, AuditAction action, string detail, CancellationToken cancellationToken)
    {
        var codes = new RecoveryCodes(await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count) ?? []);
        audit.Stage(db, new AuditActor(user.Id, user.DisplayName), new AuditEntry(action, AuditOutcome.Succeeded, TargetType, user.Id, null) { Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    private static string Describe(DashboardUser user) => $"{user.DisplayName} ({user.Email})";

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Saving two-step sign-in failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
