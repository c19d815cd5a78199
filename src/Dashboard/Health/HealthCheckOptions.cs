namespace FinchDashboard.Dashboard.Health;

/// <summary>
/// The background health check (Finch's "Mitigate Errors" guide: "call /introspect on a regular basis"), bound from
/// the <c>HealthChecks</c> section.
/// </summary>
public sealed class HealthCheckOptions
{
    public const string Section = "HealthChecks";

    /// <summary>
    /// Finch's application limit for the company product (Finch's "Rate Limits" guide: 20 a minute, rolling), which every
    /// check of a connected connection also reads. Faster would starve everything else that reads company data.
    /// </summary>
    public const int MaxAllowedRequestsPerMinute = 20;

    public bool Enabled { get; set; }

    /// <summary>How often each live connection is checked; one pass spreads its checks over this time.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// At most this many checks start per minute. A check is one /introspect and, for a connected connection, one
    /// /employer/company, so the default 10 keeps the company product at half of Finch's 20 per minute and all calls
    /// far below the 1,000 per 5 minutes an IP address may make, leaving room for people refreshing by hand.
    /// </summary>
    public int MaxRequestsPerMinute { get; set; } = 10;

    /// <summary>Wait after start-up before the first pass, so it does not compete with the app (or demo mode) starting.</summary>
    public TimeSpan FirstPassDelay { get; set; } = TimeSpan.FromMinutes(1);
}
