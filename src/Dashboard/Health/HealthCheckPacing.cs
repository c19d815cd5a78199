namespace FinchDashboard.Dashboard.Health;

/// <summary>
/// When health checks may start: spread evenly over the interval, never faster than the configured rate, and held
/// back as a whole when Finch answers 429. Pure, so the arithmetic is tested without clocks.
/// </summary>
public static class HealthCheckPacing
{
    /// <summary>Finch's rate-limit buckets empty after 60 seconds; the wait after a 429 without Retry-After.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The time between two check starts in a pass of <paramref name="connections"/>: the interval shared out evenly,
    /// or the rate's minimum gap when there are more connections than the interval holds at that rate.
    /// </summary>
    public static TimeSpan Spacing(int connections, TimeSpan interval, int maxRequestsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(connections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRequestsPerMinute);
        var minimum = RateLimitWindow / maxRequestsPerMinute;
        return connections == 0 ? interval : Max(interval / connections, minimum);
    }

    /// <summary>When the next check may start: one spacing after the previous start, and not before a rate-limit back-off ends.</summary>
    public static DateTimeOffset NextCheckAt(DateTimeOffset previousStart, TimeSpan spacing, DateTimeOffset? backedOffUntil) =>
        backedOffUntil is { } until && until > previousStart + spacing ? until : previousStart + spacing;

    /// <summary>How long the whole pass waits after a 429: what Finch's Retry-After asks, else a full rate-limit window.</summary>
    public static TimeSpan BackOff(TimeSpan? retryAfter) => retryAfter is { } wait && wait > TimeSpan.Zero ? wait : RateLimitWindow;

    /// <summary>
    /// When the next pass starts: one interval after this one started, or, when this pass ran longer (more connections
    /// than the rate fits in the interval), one spacing after its last check so the rate holds across passes.
    /// </summary>
    public static DateTimeOffset NextPassAt(DateTimeOffset passStartedAt, TimeSpan interval, DateTimeOffset lastCheckStartedAt, TimeSpan spacing) =>
        Max(passStartedAt + interval, lastCheckStartedAt + spacing);

    /// <summary>
    /// A connection checked after this cutoff is not checked again yet. Half the interval: a pass revisits each
    /// connection about one interval after its last check, while another instance's pass, running beside this one,
    /// finds the connections it reaches already checked and leaves them.
    /// </summary>
    public static DateTimeOffset DueBefore(DateTimeOffset now, TimeSpan interval) => now - interval / 2;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
