using System.Globalization;

namespace FinchDashboard.Dashboard.Components.Shared;

/// <summary>"2 hours ago" for the list; the exact UTC time goes in a tooltip beside it.</summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        var future = elapsed < TimeSpan.Zero;
        var span = future ? -elapsed : elapsed;
        string amount;
        if (span < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        else if (span < TimeSpan.FromHours(1))
        {
            amount = Plural((int)span.TotalMinutes, "minute");
        }
        else if (span < TimeSpan.FromDays(1))
        {
            amount = Plural((int)span.TotalHours, "hour");
        }
        else if (span < TimeSpan.FromDays(30))
        {
            amount = Plural((int)span.TotalDays, "day");
        }
        else if (span < TimeSpan.FromDays(365))
        {
            amount = Plural((int)(span.TotalDays / 30), "month");
        }
        else
        {
            amount = Plural((int)(span.TotalDays / 365), "year");
        }

        return future ? $"in {amount}" : $"{amount} ago";
    }

    public static string Exact(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
