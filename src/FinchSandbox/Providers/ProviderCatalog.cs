namespace FinchDashboard.FinchSandbox.Providers;

/// <summary>A provider of the emulator's catalogue. <see cref="MultiEntity"/> drives the entity step of the Connect page.</summary>
public sealed record ProviderDefinition(
    string Id,
    string DisplayName,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> AuthenticationMethods,
    bool MultiEntity,
    bool MfaRequired,
    string PrimaryColor)
{
    /// <summary>Finch's deprecated <c>manual</c> flag: true when the provider is only reachable through Assisted Connect.</summary>
    public bool Manual => AuthenticationMethods.All(m => m == "assisted");

    public bool Supports(string authMethod) => AuthenticationMethods.Contains(authMethod);
}

/// <summary>
/// A realistic slice of Finch's provider network: automated providers (credential, api_token, oauth),
/// assisted-only providers, and multi-entity providers.
/// </summary>
public static class ProviderCatalog
{
    private static readonly string[] OrgAndPayroll =
        ["company", "directory", "individual", "employment", "payment", "pay_statement", "ssn"];

    private static readonly string[] OrgPayrollBenefits = [.. OrgAndPayroll, "benefits", "deduction"];

    private static readonly string[] OrgOnly = ["company", "directory", "individual", "employment", "ssn"];

    public static readonly IReadOnlyList<ProviderDefinition> All =
    [
        new("gusto", "Gusto", OrgPayrollBenefits, ["oauth"], MultiEntity: false, MfaRequired: false, "#F45D48"),
        new("adp_run", "ADP Run", OrgPayrollBenefits, ["credential", "assisted"], MultiEntity: true, MfaRequired: true, "#D0271D"),
        new("adp_workforce_now", "ADP Workforce Now", OrgPayrollBenefits, ["api_token", "assisted"], MultiEntity: true, MfaRequired: false, "#D0271D"),
        new("paychex_flex", "Paychex Flex", OrgPayrollBenefits, ["credential", "api_token"], MultiEntity: true, MfaRequired: true, "#004B8D"),
        new("bamboo_hr", "BambooHR", OrgOnly, ["api_token", "oauth"], MultiEntity: false, MfaRequired: false, "#73C41D"),
        new("rippling", "Rippling", OrgAndPayroll, ["oauth"], MultiEntity: false, MfaRequired: false, "#502D3C"),
        new("justworks", "Justworks", OrgAndPayroll, ["credential"], MultiEntity: false, MfaRequired: true, "#1C72F2"),
        new("paylocity", "Paylocity", OrgPayrollBenefits, ["credential", "api_token", "assisted"], MultiEntity: true, MfaRequired: false, "#F26B21"),
        new("trinet", "TriNet", OrgAndPayroll, ["assisted"], MultiEntity: false, MfaRequired: false, "#00A5DB"),
        new("insperity", "Insperity", OrgAndPayroll, ["assisted"], MultiEntity: true, MfaRequired: false, "#7AB800"),
    ];

    private static readonly Dictionary<string, ProviderDefinition> ById = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public static ProviderDefinition? Find(string? id) => id is not null && ById.TryGetValue(id, out var provider) ? provider : null;

    /// <summary>
    /// Providers shown on the Connect page. Without <c>manual=true</c> Finch Connect hides assisted-only providers
    /// (Finch's "Mitigate Errors" guide: "include manual=true ... to see assisted integrations").
    /// </summary>
    public static IEnumerable<ProviderDefinition> Selectable(bool manual) => All.Where(p => manual || !p.Manual);

    /// <summary>Auth methods offered for a provider; assisted ones only in manual sessions, unless that is all it has.</summary>
    public static IReadOnlyList<string> OfferedMethods(ProviderDefinition provider, bool manual) =>
        manual || provider.Manual ? provider.AuthenticationMethods : [.. provider.AuthenticationMethods.Where(m => m != "assisted")];
}
