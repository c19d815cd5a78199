using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using Microsoft.EntityFrameworkCore;
using Stripe;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>What a disconnect did, in words for the person who asked, with Stripe's Request-Id.</summary>
public sealed record BankAccountDisconnectOutcome(bool Succeeded, string Message, string? StripeRequestId = null);

/// <summary>
/// Ends our access to a bank account's data (Stripe's "Disconnect a Financial Connections account"): Stripe is asked
/// first, and the account is recorded from the object Stripe returns. A failure, timeout or 429 changes nothing here and
/// leaves an audit record. Only for accounts the caller may see, with the permission checked here.
/// </summary>
public sealed class BankAccountDisconnector(
    EmployerData data,
    IStripeClient stripe,
    CurrentCaller currentCaller,
    AuditTrail audit,
    OutOfScopeAccess outOfScope,
    TimeProvider clock,
    ILogger<BankAccountDisconnector> logger)
{
    public const int ReasonMaxLength = 500;

    private const string Target = "bank_account";

    /// <summary>The audit detail of a disconnection done through Stripe.</summary>
    public static string DisconnectedDetail(Domain.BankAccounts.BankAccount account) =>
        $"Disconnected {account.InstitutionName} ••••{account.Last4} ({account.StripeAccountId}) through Stripe";

    public async Task<BankAccountDisconnectOutcome> DisconnectAsync(Guid bankAccountId, string? reason, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var account = await db.BankAccounts.SingleOrDefaultAsync(a => a.Id == bankAccountId, cancellationToken);
        if (account is null)
        {
            await outOfScope.ReportBankAccountAsync(caller, bankAccountId, cancellationToken);
            return new BankAccountDisconnectOutcome(false, "There is no such bank account, or it belongs to an employer your account cannot see.");
        }

        if (!caller.Can(Permission.DisconnectBankAccount))
        {
            await audit.DeniedAsync(caller, Permission.DisconnectBankAccount, AuditAction.BankAccountDisconnected, Target, account.Id.ToString(), account.EmployerId, cancellationToken);
            return new BankAccountDisconnectOutcome(false, "Your role cannot disconnect bank accounts; ask an admin or the employer's account manager.");
        }

        if (account.Status == BankAccountStatus.Disconnected)
        {
            return new BankAccountDisconnectOutcome(false, "This bank account is already disconnected.");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMaxLength)
        {
            return new BankAccountDisconnectOutcome(false, $"Say why the bank account is being disconnected (at most {ReasonMaxLength} characters).");
        }

        var result = await StripeCalls.RunAsync(
            token => new FinancialConnections.AccountService(stripe).DisconnectAsync(account.StripeAccountId, cancellationToken: token),
            logger, "a disconnect", cancellationToken);
        var returned = result.Value is { } value ? StripeAccountSnapshots.Of(value, clock.GetUtcNow()) : null;
        if (returned is null || returned.Status != BankAccountStatus.Disconnected)
        {
            var message = result.Failure ?? "Stripe answered, but did not report the account as disconnected, so nothing was changed here. Try again in a moment.";
            await audit.WriteAsync(AuditActor.Of(caller), new AuditEntry(AuditAction.BankAccountDisconnected, AuditOutcome.Failed, Target, account.Id.ToString(), account.EmployerId)
            {
                Reason = reason,
                Detail = $"Disconnecting {account.StripeAccountId} failed: {message}",
                StripeRequestId = result.RequestId,
            }, cancellationToken);
            return new BankAccountDisconnectOutcome(false, message, result.RequestId);
        }

        account.RecordDisconnect(returned, caller.DisplayName, reason);
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.BankAccountDisconnected, AuditOutcome.Succeeded, Target, account.Id.ToString(), account.EmployerId)
        {
            Reason = reason,
            Detail = DisconnectedDetail(account),
            StripeRequestId = result.RequestId,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.SaveFailed(ex))
        {
            // Stripe has acted; its .disconnected event will still bring this account up to date.
            logger.LogError(ex, "Stripe disconnected bank account {BankAccountId} (request {StripeRequestId}) but recording it failed", account.Id, result.RequestId);
            return new BankAccountDisconnectOutcome(false,
                "Stripe disconnected the account, but the dashboard could not record it: saving to its database failed. Stripe's notice of it will update this page shortly.",
                result.RequestId);
        }

        logger.LogInformation("Disconnected bank account {BankAccountId} (request {StripeRequestId})", account.Id, result.RequestId);
        return new BankAccountDisconnectOutcome(true,
            "Disconnected. Its data so far stays readable, but nothing is refreshed again; payment methods made from it keep working. " +
            "The employer has to link the account again to give us new data.",
            result.RequestId);
    }
}
