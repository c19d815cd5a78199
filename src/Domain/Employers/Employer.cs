namespace FinchDashboard.Domain.Employers;

/// <summary>
/// A company that connects its payroll or HRIS to us through Finch. <see cref="CustomerId"/> is our id for it,
/// sent to Finch as <c>customer_id</c> when a Connect session is created.
/// </summary>
public sealed class Employer
{
    public const int CustomerIdMaxLength = 128;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;

    public Employer(Guid id, string customerId, string name, string? email, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        CustomerId = customerId.Trim();
        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string CustomerId { get; private set; }

    public string Name { get; private set; }

    public string? Email { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Its Stripe customer (<c>cus_…</c>), which holds its bank accounts; created the first time one is linked.</summary>
    public string? StripeCustomerId { get; private set; }

    public void UseStripeCustomer(string stripeCustomerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stripeCustomerId);
        if (StripeCustomerId is not null && StripeCustomerId != stripeCustomerId)
        {
            throw new InvalidOperationException("The employer already has another Stripe customer.");
        }

        StripeCustomerId = stripeCustomerId;
    }
}
