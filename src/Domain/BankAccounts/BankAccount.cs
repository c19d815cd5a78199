namespace FinchDashboard.Domain.BankAccounts;

/// <summary>
/// An employer's bank account, linked through Stripe Financial Connections for payroll funding and debits. Holds what
/// Stripe last said of it (Stripe's documents win) and our own history: who linked it, and who disconnected it, when and why.
/// </summary>
public sealed class BankAccount
{
    public const int StripeIdMaxLength = 128;
    public const int InstitutionNameMaxLength = 200;
    public const int DisplayNameMaxLength = 200;
    public const int CategoryMaxLength = 32;
    public const int ActorMaxLength = 200;
    public const int ReasonMaxLength = 1000;

    private BankAccount()
    {
    }

    public Guid Id { get; private set; }

    public Guid EmployerId { get; private set; }

    /// <summary>Stripe's id, <c>fca_…</c>.</summary>
    public string StripeAccountId { get; private set; } = "";

    public string StripeCustomerId { get; private set; } = "";

    public string InstitutionName { get; private set; } = "";

    public string? DisplayName { get; private set; }

    public string? Last4 { get; private set; }

    /// <summary><c>cash</c>, <c>credit</c>, <c>investment</c> or <c>other</c>.</summary>
    public string Category { get; private set; } = "";

    /// <summary><c>checking</c>, <c>savings</c>, <c>mortgage</c>, <c>line_of_credit</c>, <c>credit_card</c> or <c>other</c>.</summary>
    public string Subcategory { get; private set; } = "";

    public BankAccountStatus Status { get; private set; }

    /// <summary>When Stripe saw the account as this row shows it; anything Stripe saw in an earlier second is stale and changes nothing.</summary>
    public DateTimeOffset ObservedAt { get; private set; }

    /// <summary>What the employer let us read: <c>balances</c>, <c>ownership</c>, <c>payment_method</c>, <c>transactions</c>.</summary>
    public List<string> Permissions { get; private set; } = [];

    public string? BalanceRefreshStatus { get; private set; }

    public DateTimeOffset? BalanceRefreshAttemptedAt { get; private set; }

    public string? OwnershipRefreshStatus { get; private set; }

    public DateTimeOffset? OwnershipRefreshAttemptedAt { get; private set; }

    public string? TransactionRefreshStatus { get; private set; }

    public DateTimeOffset? TransactionRefreshAttemptedAt { get; private set; }

    public bool Livemode { get; private set; }

    /// <summary>The dashboard user who started the link, or "Stripe" for an account we first heard of from Stripe.</summary>
    public string LinkedBy { get; private set; } = "";

    public DateTimeOffset LinkedAt { get; private set; }

    /// <summary>Who disconnected it: a dashboard user, or "Stripe" when the account holder or their bank did.</summary>
    public string? DisconnectedBy { get; private set; }

    public DateTimeOffset? DisconnectedAt { get; private set; }

    public string? DisconnectReason { get; private set; }

    public static BankAccount Link(Guid id, Guid employerId, StripeAccountSnapshot snapshot, string linkedBy, DateTimeOffset linkedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linkedBy);
        var account = new BankAccount
        {
            Id = id,
            EmployerId = employerId,
            StripeAccountId = snapshot.StripeAccountId,
            StripeCustomerId = snapshot.StripeCustomerId,
            LinkedBy = linkedBy,
            LinkedAt = linkedAt,
            ObservedAt = DateTimeOffset.MinValue,
        };
        account.Observe(snapshot, "Stripe");
        return account;
    }

    /// <summary>
    /// Credits the link to the person who started it, when Stripe's own event about the account came before the
    /// employer's return through the link did.
    /// </summary>
    public void CreditLink(string linkedBy, string heardFrom)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linkedBy);
        if (LinkedBy == heardFrom)
        {
            LinkedBy = linkedBy;
        }
    }

    public BankAccountRefresh? RefreshOf(BankAccountRefreshKind kind) => kind switch
    {
        BankAccountRefreshKind.Balance => Refresh(BalanceRefreshStatus, BalanceRefreshAttemptedAt),
        BankAccountRefreshKind.Ownership => Refresh(OwnershipRefreshStatus, OwnershipRefreshAttemptedAt),
        BankAccountRefreshKind.Transactions => Refresh(TransactionRefreshStatus, TransactionRefreshAttemptedAt),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Takes what Stripe said, unless Stripe said it before what this row already shows (events arrive out of order and
    /// are redelivered), and never out of Disconnected: at Stripe that is final, and regaining access makes a new
    /// account. <paramref name="actor"/> is recorded as who disconnected it if this is the disconnection.
    /// Returns whether anything was taken.
    /// </summary>
    public bool Observe(StripeAccountSnapshot snapshot, string actor)
    {
        // Stripe's times are whole seconds, so what was seen within the same second is taken rather than called stale.
        if (snapshot.StripeAccountId != StripeAccountId || WholeSeconds(snapshot.ObservedAt) < WholeSeconds(ObservedAt))
        {
            return false;
        }

        var status = Status == BankAccountStatus.Disconnected ? BankAccountStatus.Disconnected : snapshot.Status;
        if (status == BankAccountStatus.Disconnected && DisconnectedAt is null)
        {
            DisconnectedBy = actor;
            DisconnectedAt = snapshot.ObservedAt;
        }

        Status = status;
        ObservedAt = snapshot.ObservedAt;
        InstitutionName = snapshot.InstitutionName;
        DisplayName = snapshot.DisplayName;
        Last4 = snapshot.Last4;
        Category = snapshot.Category;
        Subcategory = snapshot.Subcategory;
        Permissions = [.. snapshot.Permissions];
        (BalanceRefreshStatus, BalanceRefreshAttemptedAt) = Split(snapshot.BalanceRefresh);
        (OwnershipRefreshStatus, OwnershipRefreshAttemptedAt) = Split(snapshot.OwnershipRefresh);
        (TransactionRefreshStatus, TransactionRefreshAttemptedAt) = Split(snapshot.TransactionRefresh);
        Livemode = snapshot.Livemode;
        return true;
    }

    /// <summary>
    /// Records a disconnection a dashboard user asked Stripe for, from the account Stripe returned: its status says
    /// whether it took. The user and their reason are recorded even when Stripe's own event about it came first.
    /// </summary>
    public void RecordDisconnect(StripeAccountSnapshot returned, string disconnectedBy, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(disconnectedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Observe(returned, disconnectedBy);
        if (returned.Status == BankAccountStatus.Disconnected && DisconnectReason is null)
        {
            Status = BankAccountStatus.Disconnected;
            DisconnectedBy = disconnectedBy;
            DisconnectedAt ??= returned.ObservedAt;
            DisconnectReason = reason;
        }
    }

    private static BankAccountRefresh? Refresh(string? status, DateTimeOffset? attemptedAt) =>
        status is null || attemptedAt is null ? null : new BankAccountRefresh(status, attemptedAt.Value);

    private static long WholeSeconds(DateTimeOffset at) => at == DateTimeOffset.MinValue ? long.MinValue : at.ToUnixTimeSeconds();

    private static (string?, DateTimeOffset?) Split(BankAccountRefresh? refresh) => (refresh?.Status, refresh?.LastAttemptedAt);
}
