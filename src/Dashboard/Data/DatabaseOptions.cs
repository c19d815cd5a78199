namespace FinchDashboard.Dashboard.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "Dashboard";

    /// <summary>Applies pending EF Core migrations when the dashboard starts.</summary>
    public bool MigrateOnStartup { get; set; }
}
