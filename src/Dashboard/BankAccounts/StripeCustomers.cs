using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Employers;
using Stripe;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// Each employer's Stripe customer, which holds its bank accounts: created the first time one is needed and its id
/// kept on the employer.
/// </summary>
public sealed class StripeCustomers(IStripeClient stripe, ILogger<StripeCustomers> logger)
{
    /// <summary>
    /// The employer's customer id, creating the customer first if it has none (saved on <paramref name="db"/>). The
    /// idempotency key is the employer's, so two people linking at once, or a retry after a lost answer, make one customer.
    /// </summary>
    public async Task<StripeCall<Customer>> EnsureAsync(DashboardDbContext db, Employer employer, CancellationToken cancellationToken)
    {
        if (employer.StripeCustomerId is { } existing)
        {
            return new StripeCall<Customer>(new Customer { Id = existing }, null, null);
        }

        var created = await StripeCalls.RunAsync(token => new CustomerService(stripe).CreateAsync(CreateOptions(employer), new RequestOptions { IdempotencyKey = $"employer-customer-{employer.Id:N}" }, token), logger, "creating a customer", cancellationToken);
        if (created.Value is { } customer)
        {
            employer.UseStripeCustomer(customer.Id);
            await db.SaveChangesAsync(cancellationToken);
        }

        return created;
    }

    /// <summary>What the employer's customer is made with: its name, email, and our ids in its metadata.</summary>
    public static CustomerCreateOptions CreateOptions(Employer employer) => new()
    {
        Name = employer.Name,
        Email = employer.Email,
        Metadata = new Dictionary<string, string> { ["employer_id"] = employer.Id.ToString(), ["customer_id"] = employer.CustomerId },
    };
}
