using FinchDashboard.Domain.BankAccounts;
using FinancialConnections = Stripe.FinancialConnections;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>Reads Stripe.net's Financial Connections account into the domain's snapshot.</summary>
public static class StripeAccountSnapshots
{
    /// <summary>Null when the account is not a customer's, or carries a status this dashboard does not know.</summary>
    public static StripeAccountSnapshot? Of(FinancialConnections.Account account, DateTimeOffset observedAt)
    {
        if (account.AccountHolder?.CustomerId is not { Length: > 0 } customerId || !BankAccountStatuses.TryParseWireName(account.Status, out var status))
        {
            return null;
        }

        return new StripeAccountSnapshot(
            account.Id,
            customerId,
            Shorten(account.InstitutionName, BankAccount.InstitutionNameMaxLength) ?? "",
            Shorten(account.DisplayName, BankAccount.DisplayNameMaxLength),
            account.Last4 is { Length: 4 } last4 ? last4 : null,
            Shorten(account.Category, BankAccount.CategoryMaxLength) ?? "",
            Shorten(account.Subcategory, BankAccount.CategoryMaxLength) ?? "",
            status,
            account.Permissions ?? [],
            Refresh(account.BalanceRefresh?.Status, account.BalanceRefresh?.LastAttemptedAt),
            Refresh(account.OwnershipRefresh?.Status, account.OwnershipRefresh?.LastAttemptedAt),
            Refresh(account.TransactionRefresh?.Status, account.TransactionRefresh?.LastAttemptedAt),
            account.Livemode,
            observedAt);
    }

    private static BankAccountRefresh? Refresh(string? status, DateTime? lastAttemptedAt) =>
        status is null || lastAttemptedAt is null
            ? null
            : new BankAccountRefresh(Shorten(status, BankAccountRefresh.StatusMaxLength)!, new DateTimeOffset(DateTime.SpecifyKind(lastAttemptedAt.Value, DateTimeKind.Utc)));

    private static string? Shorten(string? value, int max) => value is null ? null : Domain.TextLimits.Shorten(value, max);
}
