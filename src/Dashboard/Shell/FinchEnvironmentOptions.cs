using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Dashboard.Shell;

public sealed class FinchEnvironmentOptions
{
    public const string Section = "Finch";

    /// <summary>Which Finch environment the configured credentials belong to; shown as a badge on every page.</summary>
    public FinchEnvironment Environment { get; set; } = FinchEnvironment.Sandbox;
}
