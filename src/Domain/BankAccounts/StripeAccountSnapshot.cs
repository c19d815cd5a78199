namespace FinchDashboard.Domain.BankAccounts;

/// <summary>
/// A Financial Connections account as one Stripe answer or event showed it, and when Stripe saw it so: an API answer's
/// time of arrival, or an event's <c>created</c>.
/// </summary>
public sealed record StripeAccountSnapshot(
    string StripeAccountId,
    string StripeCustomerId,
    string InstitutionName,
    string? DisplayName,
    string? Last4,
    string Category,
    string Subcategory,
    BankAccountStatus Status,
    IReadOnlyList<string> Permissions,
    BankAccountRefresh? BalanceRefresh,
    BankAccountRefresh? OwnershipRefresh,
    BankAccountRefresh? TransactionRefresh,
    bool Livemode,
    DateTimeOffset ObservedAt);
