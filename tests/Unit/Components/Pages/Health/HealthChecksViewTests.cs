using FinchDashboard.Dashboard.Components.Pages.Health;

namespace FinchDashboard.Unit.Components.Pages.Health;

public class HealthChecksViewTests
{
    [Theory]
    [InlineData(86_400, "day")]
    [InlineData(2 * 86_400, "2 days")]
    [InlineData(6 * 3_600, "6 hours")]
    [InlineData(3_600, "hour")]
    [InlineData(15 * 60, "15 minutes")]
    [InlineData(90, "90 seconds")]
    public void The_cadence_reads_in_its_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, HealthChecksView.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Live_connections_are_counted_in_words()
    {
        Assert.Equal("1 live connection", HealthChecksView.LiveConnections(1));
        Assert.Equal("12,000 live connections", HealthChecksView.LiveConnections(12_000));
    }
}
