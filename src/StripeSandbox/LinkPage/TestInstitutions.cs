namespace FinchDashboard.StripeSandbox.LinkPage;

public sealed record TestAccount(string Key, string DisplayName, string Last4, string Category, string Subcategory);

public sealed record TestInstitution(string Id, string Name, IReadOnlyList<TestAccount> Accounts);

/// <summary>The banks the hosted page offers, in the spirit of Stripe's test-mode institutions.</summary>
public static class TestInstitutions
{
    public static readonly IReadOnlyList<TestInstitution> All =
    [
        new("test_institution", "Test Institution",
        [
            new("checking", "Checking", "6789", "cash", "checking"),
            new("savings", "Savings", "4321", "cash", "savings"),
            new("credit_card", "Credit Card", "1111", "credit", "credit_card"),
        ]),
        new("test_oauth_institution", "Test OAuth Institution",
        [
            new("business_checking", "Business Checking", "0002", "cash", "checking"),
            new("payroll", "Payroll Account", "3456", "cash", "checking"),
        ]),
        new("stripebank", "StripeBank",
        [
            new("operating", "Operating account", "1234", "cash", "checking"),
            new("reserve", "Reserve savings", "9876", "cash", "savings"),
            new("line_of_credit", "Line of credit", "5555", "credit", "line_of_credit"),
        ]),
    ];

    public static TestInstitution? Find(string? id) => All.FirstOrDefault(i => i.Id == id);
}
