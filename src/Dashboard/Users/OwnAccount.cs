using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Users;

/// <summary>
/// What every signed-in user does to their own account, on the static account pages (they need the HTTP request to
/// change the sign-in cookie): sign out everywhere.
/// </summary>
public sealed class OwnAccount(
    CurrentCaller currentCaller,
    SignInManager<DashboardUser> signIn,
    EmployerData data,
    AuditTrail audit,
    ILogger<OwnAccount> logger)
{
    private const string TargetType = "user";

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
