namespace FinchDashboard.StripeSandbox.Accounts;

/// <summary>The financial_connections.account object on the wire, field for field as stripe-node's types/FinancialConnections/Accounts.d.ts lists them.</summary>
public sealed record AccountObject(
    string Id,
    AccountObject.AccountHolderObject AccountHolder,
    object? AccountNumbers,
    AccountObject.BalanceObject? Balance,
    AccountObject.RefreshObject? BalanceRefresh,
    string Category,
    long Created,
    string? DisplayName,
    string InstitutionName,
    string Last4,
    bool Livemode,
    string? Ownership,
    AccountObject.RefreshObject? OwnershipRefresh,
    IReadOnlyList<string> Permissions,
    string Status,
    string Subcategory,
    IReadOnlyList<string> Subscriptions,
    IReadOnlyList<string> SupportedPaymentMethodTypes,
    AccountObject.TransactionRefreshObject? TransactionRefresh)
{
    public string Object => "financial_connections.account";

    public sealed record AccountHolderObject(string Customer, string Type);

    public sealed record BalanceObject(long AsOf, CashObject Cash, IReadOnlyDictionary<string, long> Current, string Type);

    public sealed record CashObject(IReadOnlyDictionary<string, long> Available);

    public sealed record RefreshObject(long LastAttemptedAt, long? NextRefreshAvailableAt, string Status);

    public sealed record TransactionRefreshObject(string Id, long LastAttemptedAt, long? NextRefreshAvailableAt, string Status);

    public static AccountObject Of(BankAccount account) => new(
        account.Id,
        new AccountHolderObject(account.CustomerId, "customer"),
        null,
        account.Balance is { } balance
            ? new BalanceObject(balance.AsOf, new CashObject(Usd(balance.Cents)), Usd(balance.Cents), "cash")
            : null,
        RefreshOf(account.BalanceRefresh),
        account.Category,
        account.Created,
        account.DisplayName,
        account.InstitutionName,
        account.Last4,
        false,
        account.OwnershipId,
        RefreshOf(account.OwnershipRefresh),
        account.Permissions,
        account.Status,
        account.Subcategory,
        [.. account.Subscriptions],
        AccountCategories.PaymentMethodTypes(account.Subcategory),
        account.TransactionRefresh is { } transactions
            ? new TransactionRefreshObject(transactions.Id!, transactions.LastAttemptedAt, NextAvailable(transactions), transactions.Status)
            : null);

    private static RefreshObject? RefreshOf(Refresh? refresh) =>
        refresh is null ? null : new RefreshObject(refresh.LastAttemptedAt, NextAvailable(refresh), refresh.Status);

    /// <summary>Stripe gives no next time while a refresh is pending; once it ended, another may start at once.</summary>
    private static long? NextAvailable(Refresh refresh) => refresh.Status == "pending" ? null : refresh.LastAttemptedAt;

    private static Dictionary<string, long> Usd(long cents) => new(StringComparer.Ordinal) { ["usd"] = cents };
}
