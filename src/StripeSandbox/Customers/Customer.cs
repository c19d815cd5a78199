namespace FinchDashboard.StripeSandbox.Customers;

/// <summary>A Stripe customer, with the fields the emulator lets a caller set.</summary>
public sealed class Customer
{
    public required string Id { get; init; }
    public required long Created { get; init; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Phone { get; set; }
    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>The customer object on the wire (stripe-node's types/Customers.d.ts), the fields it has no use for left empty.</summary>
public sealed record CustomerObject(
    string Id,
    object? Address,
    long Balance,
    long Created,
    string? Currency,
    string? DefaultSource,
    bool Delinquent,
    string? Description,
    string? Email,
    string InvoicePrefix,
    CustomerObject.InvoiceSettingsObject InvoiceSettings,
    bool Livemode,
    IReadOnlyDictionary<string, string> Metadata,
    string? Name,
    string? Phone,
    IReadOnlyList<string> PreferredLocales,
    object? Shipping,
    string TaxExempt,
    string? TestClock)
{
    public string Object => "customer";

    public sealed record InvoiceSettingsObject(object? CustomFields, string? DefaultPaymentMethod, string? Footer, object? RenderingOptions);

    public static CustomerObject Of(Customer customer) => new(
        customer.Id, null, 0, customer.Created, null, null, false, customer.Description, customer.Email,
        customer.Id[^8..].ToUpperInvariant(), new InvoiceSettingsObject(null, null, null, null), false,
        new Dictionary<string, string>(customer.Metadata), customer.Name, customer.Phone, [], null, "none", null);
}
