namespace FinchDashboard.Dashboard.Components.Pages.Health;

/// <summary>How the health checks page words its figures.</summary>
public static class HealthChecksView
{
    /// <summary>A span in its largest whole unit: "day", "6 hours", "90 seconds".</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => Plural((int)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Plural((int)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => Plural((int)span.TotalMinutes, "minute"),
        _ => Plural((int)span.TotalSeconds, "second"),
    };

    public static string LiveConnections(int count) => $"{count:N0} live {(count == 1 ? "connection" : "connections")}";

    private static string Plural(int count, string unit) => count == 1 ? unit : $"{count} {unit}s";
}
