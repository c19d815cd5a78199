using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// When a live connection needs action for waiting too long (the banner, the list's filters, the triage queue, the CSV),
/// bound from the <c>ActionNeeded</c> section. Each default says where it comes from.
/// </summary>
public sealed class ActionNeededOptions
{
    public const string Section = "ActionNeeded";

    /// <summary>
    /// Judgment: an automated connection is pending only while Finch processes an authentication fallback invitation
    /// (Finch's "Configure Auth Methods" guide), which takes a day or two; after three days someone should look.
    /// </summary>
    public TimeSpan AutomatedPendingLimit { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Finch's "Handling API Responses" guide: "For assisted connections, keep in mind that the SLA for first data sync
    /// is 14 days." Until then a pending assisted connection is a normal set-up, not support's work.
    /// </summary>
    public TimeSpan AssistedPendingLimit { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Finch's "Data Syncs" guide: "Finch syncs data for Automated providers on a 24-hour cadence".</summary>
    public TimeSpan AutomatedSyncCadence { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Finch's "Data Syncs" guide: "... and for Assisted providers on a 7-day cadence".</summary>
    public TimeSpan AssistedSyncCadence { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Judgment: the next sync starts a cadence after the last one ("A new job is created to sync the employer's data 24
    /// hours from the previous sync", Finch's "Data Syncs" guide) and takes minutes to an hour or so, so a connection is
    /// overdue only once its sync is this much later than its cadence.
    /// </summary>
    public TimeSpan SyncGrace { get; set; } = TimeSpan.FromHours(2);

    public ActionNeededThresholds Thresholds =>
        new(AutomatedPendingLimit, AssistedPendingLimit, AutomatedSyncCadence, AssistedSyncCadence, SyncGrace);
}
