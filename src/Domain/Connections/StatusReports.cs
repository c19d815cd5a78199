namespace FinchDashboard.Domain.Connections;

/// <summary>Whether a webhook's status report is applied, or why not.</summary>
public enum StatusReportVerdict
{
    Current,
    /// <summary>Finch signed it before the report already held.</summary>
    OlderThanHeld,
    /// <summary>It reached us before we last read the status from Finch ourselves, so that reading already holds it.</summary>
    ReflectedInReading,
}

/// <summary>
/// Which of two status reports wins. Webhooks can arrive out of order, so a report is applied only when it is not
/// older than the one already held; otherwise a late "reauth" could undo the "connected" that followed it.
/// </summary>
public static class StatusReports
{
    /// <summary>
    /// Judges a webhook report Finch signed at <paramref name="reportedAt"/> and we received at
    /// <paramref name="receivedAt"/> against the status held since <paramref name="heldSince"/>.
    /// Finch-Timestamp has whole seconds, so the held time is compared at that precision, and a report from the same
    /// second is taken as the later one: deliveries from one second are applied in the order they arrived. A report we
    /// received before we last read the status from Finch ourselves (<paramref name="lastReadAt"/>, /introspect) is
    /// already reflected in that reading, whatever second it carries; both times are our own clock's.
    /// </summary>
    public static StatusReportVerdict Judge(DateTimeOffset reportedAt, DateTimeOffset receivedAt, DateTimeOffset? heldSince, DateTimeOffset? lastReadAt)
    {
        if (lastReadAt is { } read && receivedAt < read)
        {
            return StatusReportVerdict.ReflectedInReading;
        }

        return heldSince is { } held && reportedAt < DateTimeOffset.FromUnixTimeSeconds(held.ToUnixTimeSeconds())
            ? StatusReportVerdict.OlderThanHeld
            : StatusReportVerdict.Current;
    }
}
