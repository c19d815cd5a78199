namespace FinchDashboard.StripeSandbox.Sessions;

/// <summary>A Financial Connections session: who links, with what permissions, and what the hosted page produced.</summary>
public sealed class LinkSession
{
    public required string Id { get; init; }
    public required string ClientSecret { get; init; }
    public required string CustomerId { get; init; }
    public required IReadOnlyList<string> Permissions { get; init; }
    public required IReadOnlyList<string> Prefetch { get; init; }
    public required IReadOnlyList<string> AccountSubcategories { get; init; }
    public string? Country { get; init; }
    public string? ReturnUrl { get; init; }

    /// <summary>Set once the user linked accounts or cancelled on the hosted page; the page then cannot be used again.</summary>
    public bool Finished { get; set; }

    public List<string> AccountIds { get; } = [];
}
