namespace FinchDashboard.StripeSandbox.Accounts;

/// <summary>A Financial Connections account as the emulator keeps it.</summary>
public sealed class BankAccount
{
    public required string Id { get; init; }
    public required long Created { get; init; }
    public required string CustomerId { get; init; }
    public required string InstitutionName { get; init; }
    public string? DisplayName { get; init; }
    public required string Last4 { get; init; }
    public required string Category { get; init; }
    public required string Subcategory { get; init; }
    public required IReadOnlyList<string> Permissions { get; init; }

    /// <summary>The session that linked it; null for accounts made through the test helper.</summary>
    public string? SessionId { get; init; }

    public string Status { get; set; } = AccountStatuses.Active;
    public List<string> Subscriptions { get; } = [];
    public Refresh? BalanceRefresh { get; set; }
    public Refresh? OwnershipRefresh { get; set; }
    public Refresh? TransactionRefresh { get; set; }

    /// <summary>The cash balance in cents and when it was read; set by the first successful balance refresh.</summary>
    public (long Cents, long AsOf)? Balance { get; set; }

    public string? OwnershipId { get; set; }

    public Refresh? RefreshOf(string feature) => feature switch
    {
        AccountFeatures.Balance => BalanceRefresh,
        AccountFeatures.Ownership => OwnershipRefresh,
        _ => TransactionRefresh,
    };

    public void SetRefresh(string feature, Refresh refresh)
    {
        switch (feature)
        {
            case AccountFeatures.Balance: BalanceRefresh = refresh; break;
            case AccountFeatures.Ownership: OwnershipRefresh = refresh; break;
            default: TransactionRefresh = refresh; break;
        }
    }
}

/// <summary>The state of the latest refresh of one kind of data.</summary>
public sealed record Refresh(string Status, long LastAttemptedAt, string? Id = null);

public static class AccountStatuses
{
    public const string Active = "active";
    public const string Inactive = "inactive";
    public const string Disconnected = "disconnected";

    public static readonly IReadOnlyList<string> All = [Active, Inactive, Disconnected];
}

public static class AccountPermissions
{
    public static readonly IReadOnlyList<string> All = ["balances", "ownership", "payment_method", "transactions"];
}

/// <summary>What <c>refresh</c> takes in <c>features[]</c>, and the permission each needs.</summary>
public static class AccountFeatures
{
    public const string Balance = "balance";
    public const string Ownership = "ownership";
    public const string Transactions = "transactions";

    public static readonly IReadOnlyList<string> All = [Balance, Ownership, Transactions];

    public static string PermissionFor(string feature) => feature == Balance ? "balances" : feature;
}

/// <summary>Categories and the subcategories each allows (stripe-node's Accounts.d.ts).</summary>
public static class AccountCategories
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Subcategories = new Dictionary<string, IReadOnlyList<string>>
    {
        ["cash"] = ["checking", "savings", "other"],
        ["credit"] = ["mortgage", "line_of_credit", "credit_card", "other"],
        ["investment"] = ["other"],
        ["other"] = ["other"],
    };

    /// <summary>Only checking and savings accounts can be debited: those carry the payment method types.</summary>
    public static IReadOnlyList<string> PaymentMethodTypes(string subcategory) =>
        subcategory is "checking" or "savings" ? ["link", "us_bank_account"] : [];
}
