namespace FinchDashboard.Domain.Operations;

/// <summary>
/// One running dashboard process as the others see it: each instance writes its own row every
/// heartbeat interval, so the operator page can list every instance on the database with its
/// uptime and whether live updates reach it.
/// </summary>
public sealed class DashboardInstance
{
    public const int NameMaxLength = 128;

    public required string Name { get; init; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Whether the instance's connection-change listener was connected at its last heartbeat.</summary>
    public bool Listening { get; set; }
}
