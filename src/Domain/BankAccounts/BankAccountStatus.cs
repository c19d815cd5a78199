namespace FinchDashboard.Domain.BankAccounts;

/// <summary>A Financial Connections account's <c>status</c> at Stripe.</summary>
public enum BankAccountStatus
{
    Active,
    Inactive,

    /// <summary>Final: earlier data stays readable, nothing is refreshed again, and access needs a new authentication.</summary>
    Disconnected,
}

public static class BankAccountStatuses
{
    private static readonly Dictionary<string, BankAccountStatus> ByWireName = new(StringComparer.Ordinal)
    {
        ["active"] = BankAccountStatus.Active,
        ["inactive"] = BankAccountStatus.Inactive,
        ["disconnected"] = BankAccountStatus.Disconnected,
    };

    public static bool TryParseWireName(string? wireName, out BankAccountStatus status) =>
        ByWireName.TryGetValue(wireName ?? "", out status);

    public static string WireName(this BankAccountStatus status) => ByWireName.Single(pair => pair.Value == status).Key;

    public static string DisplayName(this BankAccountStatus status) => status switch
    {
        BankAccountStatus.Active => "Active",
        BankAccountStatus.Inactive => "Inactive",
        BankAccountStatus.Disconnected => "Disconnected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
