namespace FinchDashboard.FinchSandbox.State;

/// <summary>Plausible employer names for generated sandbox companies and entities.</summary>
public static class CompanyNames
{
    private static readonly string[] First = ["Acme", "Blue Harbor", "Summit", "Northwind", "Cedar", "Granite", "Lumen", "Redwood", "Orbit", "Harvest"];
    private static readonly string[] Second = ["Logistics", "Health", "Foods", "Robotics", "Studios", "Outfitters", "Analytics", "Builders"];
    private static readonly string[] Suffix = ["Inc.", "LLC", "Co.", "Corp."];

    public static string Random() =>
        $"{First[System.Random.Shared.Next(First.Length)]} {Second[System.Random.Shared.Next(Second.Length)]} {Suffix[System.Random.Shared.Next(Suffix.Length)]}";

    /// <summary>Entity names a multi-entity provider shows for one employer: the parent and its regional units.</summary>
    public static IReadOnlyList<string> EntitiesOf(string employerName, int count) =>
        count <= 1 ? [employerName] : [employerName, .. new[] { "East", "West", "Central", "Pacific" }.Take(count - 1).Select(r => $"{employerName} ({r})")];

    public static string SourceId() => System.Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
