namespace FinchDashboard.Domain.BankAccounts;

/// <summary>
/// A link to Stripe's hosted authentication for one employer (a Financial Connections session), like a Connect link: who
/// made it, until when it is offered, and whether the employer came back through it with accounts.
/// </summary>
public sealed class BankAccountLink
{
    public const int HostedUrlMaxLength = 2048;

    private BankAccountLink()
    {
    }

    public BankAccountLink(Guid id, Guid employerId, string stripeSessionId, string hostedUrl, string createdBy, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeSessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostedUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        Id = id;
        EmployerId = employerId;
        StripeSessionId = stripeSessionId;
        HostedUrl = hostedUrl;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid EmployerId { get; private set; }

    /// <summary>Stripe's session id, <c>fcsess_…</c>.</summary>
    public string StripeSessionId { get; private set; } = "";

    public string HostedUrl { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public int AccountsLinked { get; private set; }

    public bool IsExpired(DateTimeOffset now) => CompletedAt is null && now >= ExpiresAt;

    /// <summary>The employer came back through the link with <paramref name="accountsLinked"/> accounts; a second return changes nothing.</summary>
    public void Complete(int accountsLinked, DateTimeOffset at)
    {
        if (CompletedAt is not null)
        {
            return;
        }

        CompletedAt = at;
        AccountsLinked = accountsLinked;
    }
}
