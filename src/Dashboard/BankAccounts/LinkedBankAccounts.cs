using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.BankAccounts;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>Stores accounts read from Stripe for an employer, credited to whoever linked them.</summary>
public static class LinkedBankAccounts
{
    // The first key of the two-key advisory locks ("BANK"), the second being the Stripe account id's hash: that key space
    // is apart from the single-key locks elsewhere.
    private const int AccountLockSpace = 0x4241_4E4B;

    /// <summary>
    /// Adds the account, or, when Stripe's own <c>account.created</c> event stored it first, brings that row up to date and
    /// credits the link to <paramref name="linkedBy"/>. Staged on <paramref name="db"/>, inside its transaction, which holds
    /// the account's lock (<see cref="LockAsync"/>) until it ends.
    /// </summary>
    public static async Task<BankAccount> RecordAsync(
        DashboardDbContext db, Guid employerId, StripeAccountSnapshot snapshot, string linkedBy, DateTimeOffset linkedAt, CancellationToken cancellationToken)
    {
        await LockAsync(db, snapshot.StripeAccountId, cancellationToken);
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
    /// Takes, until <paramref name="db"/>'s transaction ends, the right to add the account Stripe knows as
    /// <paramref name="stripeAccountId"/>. The link's return and Stripe's <c>account.created</c> event arrive together and
    /// each adds an account it did not find; the one that waits finds the other's row instead of breaking its unique id.
    /// </summary>
    public static async Task LockAsync(DashboardDbContext db, string stripeAccountId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bank account's lock lasts as long as a transaction; begin one first.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AccountLockSpace}, hashtext({stripeAccountId}))", cancellationToken);
    }
}
