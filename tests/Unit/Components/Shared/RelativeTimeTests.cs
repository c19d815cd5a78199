using FinchDashboard.Dashboard.Components.Shared;

namespace FinchDashboard.Unit.Components.Shared;

public class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-30, "just now")]
    [InlineData(-60, "1 minute ago")]
    [InlineData(-60 * 59, "59 minutes ago")]
    [InlineData(-60 * 60 * 2, "2 hours ago")]
    [InlineData(-60 * 60 * 24, "1 day ago")]
    [InlineData(-60 * 60 * 24 * 45, "1 month ago")]
    [InlineData(-60 * 60 * 24 * 800, "2 years ago")]
    [InlineData(60 * 60 * 24 * 13, "in 13 days")]
    public void Times_read_as_people_say_them(int secondsFromNow, string expected) =>
        Assert.Equal(expected, RelativeTime.Format(Now.AddSeconds(secondsFromNow), Now));

    [Fact]
    public void The_exact_time_is_UTC() =>
        Assert.Equal("2026-11-21 10:30 UTC", RelativeTime.Exact(new DateTimeOffset(2026, 11, 21, 11, 30, 0, TimeSpan.FromHours(1))));
}
