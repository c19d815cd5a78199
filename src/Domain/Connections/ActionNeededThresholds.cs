namespace FinchDashboard.Domain.Connections;

/// <summary>
/// How long a live connection may wait before it needs action, by how Finch syncs it. Only
/// <see cref="ConnectionType.Assisted"/> connections get the assisted limits: an "Automated, Assisted" connection's data
/// syncs automatically (Finch's "Create &amp; View Your Connections" article, "Connection Type").
/// </summary>
/// <param name="AutomatedPending">How long an automated connection may stay Pending.</param>
/// <param name="AssistedPending">How long an assisted connection may stay Pending while Finch's team sets it up.</param>
/// <param name="AutomatedSyncCadence">How often Finch syncs an automated connection.</param>
/// <param name="AssistedSyncCadence">How often Finch syncs an assisted connection.</param>
/// <param name="SyncGrace">How late past its cadence a sync may complete before the connection is overdue.</param>
public sealed record ActionNeededThresholds(
    TimeSpan AutomatedPending,
    TimeSpan AssistedPending,
    TimeSpan AutomatedSyncCadence,
    TimeSpan AssistedSyncCadence,
    TimeSpan SyncGrace)
{
    public TimeSpan PendingLimit(ConnectionType type) => type == ConnectionType.Assisted ? AssistedPending : AutomatedPending;

    /// <summary>How old a connection's last sync may be before it is overdue: its cadence and the grace.</summary>
    public TimeSpan SyncOverdueAfter(ConnectionType type) =>
        (type == ConnectionType.Assisted ? AssistedSyncCadence : AutomatedSyncCadence) + SyncGrace;
}
