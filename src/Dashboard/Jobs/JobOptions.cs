namespace FinchDashboard.Dashboard.Jobs;

/// <summary>Finch's automated jobs on the connection page, bound from the <c>Jobs</c> section.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>How many recent jobs the connection page shows, and asks Finch for in its one GET /jobs/automated.</summary>
    public int ShownOnConnectionPage { get; set; } = 10;

    /// <summary>
    /// Finch's fixed window for forced syncs ("1 forced refresh per hour per connection"). When Finch says none is left
    /// without saying until when, the next is expected at most this long after the last one.
    /// </summary>
    public TimeSpan RefreshWindow { get; set; } = TimeSpan.FromHours(1);
}
