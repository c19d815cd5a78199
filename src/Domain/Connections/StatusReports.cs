namespace FinchDashboard.Domain.Connections;

/// <summary>
/// Which of two status reports wins. Webhooks can arrive out of order, so a report is applied only when it is not
/// older than the one already held; otherwise a late "reauth" could undo the "connected" that followed it.
/// </summary>
public static class StatusReports
{
    /// <summary>
    /// Whether a report made at <paramref name="reportedAt"/> may replace one held since <paramref name="heldSince"/>.
    /// Finch-Timestamp has whole seconds, so the held time is compared at that precision, and a report from the same
    /// second is taken as the later one: deliveries from one second are applied in the order they arrived.
    /// </summary>
    public static bool IsCurrent(DateTimeOffset reportedAt, DateTimeOffset? heldSince) =>
        heldSince is not { } held || reportedAt >= DateTimeOffset.FromUnixTimeSeconds(held.ToUnixTimeSeconds());
}
