namespace FinchDashboard.Dashboard.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds demo employers and one demo user per role. Refused outside the Development environment.</summary>
    public bool Enabled { get; set; }

    /// <summary>The password of every demo user.</summary>
    public string Password { get; set; } = "";
}
