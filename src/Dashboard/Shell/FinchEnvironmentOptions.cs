using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Dashboard.Shell;

public sealed class FinchEnvironmentOptions
{
    public const string Section = "Finch";

    /// <summary>
    /// Which Finch environment the configured credentials belong to: shown as a badge on every page, checked against
    /// every new token's client_type at the Connect callback, and what the Connect dialog offers and warns about.
    /// </summary>
    public FinchEnvironment Environment { get; set; } = FinchEnvironment.Sandbox;
}
