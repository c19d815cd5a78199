using FinchDashboard.Dashboard.Web;

namespace FinchDashboard.Unit.Web;

public class UrlQueryTests
{
    [Fact]
    public void A_day_range_runs_from_the_first_instant_of_its_first_day_to_the_last_of_its_last()
    {
        var range = UrlQuery.ParseDays("2026-11-01", "2026-11-30");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), range!.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), range.To);
    }

    [Fact]
    public void The_last_day_of_the_calendar_ends_the_range_without_overflowing()
    {
        var range = UrlQuery.ParseDays(null, "9999-12-31");

        Assert.Equal(DateTimeOffset.MaxValue, range!.To);
        Assert.Null(range.From);
    }

    [Theory]
    [InlineData("10000-01-01")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    public void A_day_that_is_not_one_is_left_out(string day) => Assert.Null(UrlQuery.ParseDays(day, day));

    [Theory]
    [InlineData("acme\0")]
    [InlineData("\0")]
    public void A_value_with_a_NUL_is_left_out_because_no_stored_text_can_match_it(string value) =>
        Assert.Null(UrlQuery.One(UrlQuery.Of($"https://dashboard.example/connections?q={Uri.EscapeDataString(value)}"), "q"));
}
