namespace FinchDashboard.FinchSandbox.Providers;

/// <summary>Product scopes a Connect session may request (SessionNewParams.products in the SDK).</summary>
public static class FinchProducts
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "benefits", "company", "deduction", "directory", "documents", "employment", "individual", "payment",
        "pay_statement", "plans", "plans_dependents", "plans_enrollments", "recordkeeping", "ssn",
    };

    /// <summary>What the sandbox endpoints grant when no products are given ("Organization products").</summary>
    public static readonly IReadOnlyList<string> Organization = ["company", "directory", "employment", "individual"];

    /// <summary>Returns an error message, or null when the list is acceptable.</summary>
    public static string? Validate(IReadOnlyCollection<string>? products, bool required)
    {
        if (products is null || products.Count == 0)
            return required ? "products is required and must contain at least one product." : null;
        var unknown = products.Where(p => !All.Contains(p)).ToList();
        if (unknown.Count > 0)
            return $"Unknown product(s): {string.Join(", ", unknown)}. Valid products: {string.Join(", ", All.Order())}.";
        if (products.Contains("deduction") && products.Contains("benefits"))
            return "'deduction' is a deprecated alias of 'benefits'; request only one of them.";
        return null;
    }
}
