namespace FinchDashboard.Domain.BankAccounts;

/// <summary>The kinds of data Stripe refreshes for an account, each with its own last refresh.</summary>
public enum BankAccountRefreshKind
{
    Balance,
    Ownership,
    Transactions,
}

/// <summary>
/// One kind's last refresh as Stripe reports it: <c>status</c> (<c>pending</c>, <c>succeeded</c>, <c>failed</c>) and
/// <c>last_attempted_at</c>.
/// </summary>
public sealed record BankAccountRefresh(string Status, DateTimeOffset LastAttemptedAt)
{
    public const int StatusMaxLength = 16;
}
