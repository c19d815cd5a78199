using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using EventUtility = Stripe.EventUtility;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// Applies one stored Stripe event: a <c>financial_connections.account.*</c> event carries the whole account, which is
/// taken unless the row already shows something Stripe saw later (the domain's rule). An account we have not stored yet
/// is added to the employer whose Stripe customer holds it.
/// </summary>
public sealed class StripeEventApplier(AuditTrail audit, TimeProvider clock)
{
    public const string Actor = "Stripe";

    private const string AccountEventPrefix = "financial_connections.account.";

    public async Task ApplyAsync(DashboardDbContext db, StripeWebhookEvent stored, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // The body was verified with the signature when it arrived; here it is only read again.
        var stripeEvent = EventUtility.ParseEvent(stored.Body, throwOnApiVersionMismatch: false);
        if (!stored.EventType.StartsWith(AccountEventPrefix, StringComparison.Ordinal)
            || stripeEvent.Data?.Object is not FinancialConnections.Account stripeAccount)
        {
            stored.Finish(WebhookEventState.Ignored, $"The dashboard does not act on {stored.EventType}.", now);
            return;
        }

        if (StripeAccountSnapshots.Of(stripeAccount, stored.CreatedAt) is not { } snapshot)
        {
            stored.Finish(WebhookEventState.Ignored, $"Account {stripeAccount.Id} is not a customer's, or its status '{stripeAccount.Status}' is unknown.", now);
            return;
        }

        var account = await LockedAsync(db, snapshot.StripeAccountId, cancellationToken);
        if (account is null)
        {
            // The link's return may be adding it this moment: once its transaction ends, the row is there or never will be.
            await LinkedBankAccounts.LockAsync(db, snapshot.StripeAccountId, cancellationToken);
            account = await LockedAsync(db, snapshot.StripeAccountId, cancellationToken);
        }

        if (account is null)
        {
            var employer = await db.Employers.SingleOrDefaultAsync(e => e.StripeCustomerId == snapshot.StripeCustomerId, cancellationToken);
            if (employer is null)
            {
                stored.Finish(WebhookEventState.Unmatched, $"No employer has Stripe customer {snapshot.StripeCustomerId}.", now);
                return;
            }

            account = BankAccount.Link(Guid.CreateVersion7(now), employer.Id, snapshot, Actor, stored.CreatedAt);
            db.BankAccounts.Add(account);
            stored.Finish(WebhookEventState.Applied, $"Added {snapshot.StripeAccountId}, {snapshot.Status.DisplayName()}.", now, account.Id, account.EmployerId);
            return;
        }

        var before = account.Status;
        if (!account.Observe(snapshot, Actor))
        {
            stored.Finish(WebhookEventState.Ignored, $"Stale: the dashboard already holds what Stripe said of {snapshot.StripeAccountId} later.", now, account.Id, account.EmployerId);
            return;
        }

        if (account.Status != before)
        {
            audit.Stage(db, AuditActor.System("Stripe webhook"), new AuditEntry(AuditAction.WebhookApplied, AuditOutcome.Succeeded, "bank_account", account.Id.ToString(), account.EmployerId)
            {
                Detail = $"{stored.EventType} ({stored.EventId}): {before.DisplayName()} → {account.Status.DisplayName()}",
            });
        }

        stored.Finish(WebhookEventState.Applied, $"{snapshot.StripeAccountId} is {account.Status.DisplayName()}.", now, account.Id, account.EmployerId);
    }

    // Locked, so two processors never apply events of one account side by side.
    private static Task<BankAccount?> LockedAsync(DashboardDbContext db, string stripeAccountId, CancellationToken cancellationToken) =>
        db.BankAccounts
            .FromSql($"SELECT * FROM bank_accounts WHERE stripe_account_id = {stripeAccountId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
}
