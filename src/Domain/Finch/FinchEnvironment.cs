namespace FinchDashboard.Domain.Finch;

/// <summary>
/// Finch's three environments. Each has its own client id and secret, and connections never move between them.
/// </summary>
public enum FinchEnvironment
{
    Sandbox,
    Development,
    Production,
}
