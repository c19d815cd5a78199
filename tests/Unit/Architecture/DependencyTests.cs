using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Architecture;

/// <summary>
/// The layering the README describes: a pure domain; Telemetry beneath everything, then Data beneath every feature; feature folders that use each other
/// without cycles; the components (pages) on top, used by nothing but themselves.
/// </summary>
public sealed class DependencyTests
{
    private const string DashboardRoot = "FinchDashboard.Dashboard";

    private static readonly Lazy<FolderDependencies> Dashboard = new(() => FolderDependencies.Of(typeof(DashboardDbContext), DashboardRoot));

    [Fact]
    public void The_domain_references_nothing_but_the_base_class_library()
    {
        var references = typeof(Connection).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.True(name is "System.Runtime" or "netstandard" || name.StartsWith("System.", StringComparison.Ordinal),
            $"The domain references {name}; keep frameworks out of src/Domain."));
    }

    [Fact]
    public void Data_uses_no_feature_folder()
    {
        var used = Dashboard.Value.UsedBy("Data").Where(folder => folder != "Telemetry").ToList();

        Assert.True(used.Count == 0,
            "Data must not depend on features; it uses " + string.Join(", ", used.Select(to => $"{to} (from {Dashboard.Value.Example("Data", to)})")));
    }

    /// <summary>Telemetry is measured by everything, Data included, so it stands on nothing of ours.</summary>
    [Fact]
    public void Telemetry_uses_no_other_folder()
    {
        var used = Dashboard.Value.UsedBy("Telemetry");

        Assert.True(used.Count == 0,
            "Telemetry must stand on nothing of ours; it uses " + string.Join(", ", used.Select(to => $"{to} (from {Dashboard.Value.Example("Telemetry", to)})")));
    }

    [Fact]
    public void Only_components_use_components()
    {
        var offenders = Dashboard.Value.Folders
            .Where(folder => folder != "Components" && Dashboard.Value.UsedBy(folder).Contains("Components"))
            .Select(folder => $"{folder} (from {Dashboard.Value.Example(folder, "Components")})")
            .ToList();

        Assert.True(offenders.Count == 0, "Pages sit on top; these folders use Components: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Feature_folders_use_each_other_without_cycles()
    {
        var cycles = Dashboard.Value.Cycles();

        Assert.True(cycles.Count == 0, "Folders in a cycle: " + string.Join("; ", cycles.Select(cycle => string.Join(" ↔ ", cycle) + " — " + Edges(cycle))));
    }

    private static string Edges(IReadOnlyList<string> cycle) =>
        string.Join(", ", from folder in cycle
                          from used in Dashboard.Value.UsedBy(folder)
                          where cycle.Contains(used)
                          select $"{folder}→{used} ({Dashboard.Value.Example(folder, used)})");
}
