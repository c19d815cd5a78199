namespace FinchDashboard.Dashboard.Waste;

/// <summary>The billable waste page, bound from the <c>Waste</c> section.</summary>
public sealed class WasteOptions
{
    public const string Section = "Waste";

    /// <summary>
    /// A live connection with no successful sync for this long is billed for nothing. Judgment: four weeks is four
    /// missed weekly syncs of an assisted connection (Finch's "Data Syncs" guide: a 7-day cadence), long past a blip.
    /// </summary>
    public TimeSpan NoSyncFor { get; set; } = TimeSpan.FromDays(30);
}
