using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.BankAccounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>Stores accounts read from Stripe for an employer, credited to whoever linked them.</summary>
public static class LinkedBankAccounts
{
    /// <summary>
    /// Adds the account, or, when Stripe's own <c>account.created</c> event stored it first, brings that row up to date and
    /// credits the link to <paramref name="linkedBy"/>. Staged on <paramref name="db"/>.
    /// </summary>
    public static async Task<BankAccount> RecordAsync(
        DashboardDbContext db, Guid employerId, StripeAccountSnapshot snapshot, string linkedBy, DateTimeOffset linkedAt, CancellationToken cancellationToken)
    {
        var account = await db.BankAccounts.SingleOrDefaultAsync(a => a.StripeAccountId == snapshot.StripeAccountId, cancellationToken);
        if (account is null)
        {
            account = BankAccount.Link(Guid.CreateVersion7(linkedAt), employerId, snapshot, linkedBy, linkedAt);
            db.BankAccounts.Add(account);
        }
        else
        {
            account.Observe(snapshot, StripeEventApplier.Actor);
            account.CreditLink(linkedBy, StripeEventApplier.Actor);
        }

        return account;
    }

    /// <summary>
    /// The save refused an account because Stripe's event stored it meanwhile (the unique Stripe account id): a second
    /// pass on a fresh context finds the row and records the link on it.
    /// </summary>
    public static bool StoredMeanwhile(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
