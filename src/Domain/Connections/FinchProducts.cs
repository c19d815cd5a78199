namespace FinchDashboard.Domain.Connections;

/// <summary>The product scopes a Connect session may ask for, with what each lets us read (Finch's "Permissions" page).</summary>
public static class FinchProducts
{
    public sealed record Product(string Name, string Description);

    public static IReadOnlyList<Product> All { get; } =
    [
        new("company", "Read basic company data"),
        new("directory", "Read company directory and organization structure"),
        new("individual", "Read individual data, excluding income and employment data"),
        new("ssn", "Read SSN for individuals (a separate scope: ask for it only when you need it)"),
        new("employment", "Read individual employment and income data"),
        new("payment", "Read payroll and contractor related payments by the company"),
        new("pay_statement", "Read detailed pay statements for each individual"),
        new("benefits", "Create and manage deductions and contributions and enrollment for an employer"),
        new("documents", "Read company and individual documents such as W-4s"),
    ];

    /// <summary>What most integrations start with.</summary>
    public static IReadOnlyList<string> Default { get; } = ["company", "directory", "individual", "employment"];

    /// <summary>Finch's default session lifetime: 30 days.</summary>
    public const int DefaultMinutesToExpire = 43_200;

    /// <summary>
    /// The longest session we ask Finch for: 90 days, Finch's default for a new connection's session (its SDKs'
    /// <c>minutes_to_expire</c>) and the longest lifetime Finch documents. A link that lives longer is a standing
    /// invitation to connect an employer's payroll, so we do not offer one.
    /// </summary>
    public const int MaxMinutesToExpire = 129_600;

    public static bool IsKnown(string name) => All.Any(p => p.Name == name);

    /// <summary>What the product lets us read or do, for showing an employer what they granted; the name itself when unknown.</summary>
    public static string Describe(string name) => All.FirstOrDefault(p => p.Name == name)?.Description ?? name;
}
