namespace FinchDashboard.Dashboard.Telemetry;

/// <summary>This instance's name: configured (<c>Telemetry:InstanceName</c>), or the host name and process id.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public string InstanceName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
