using FinchDashboard.Dashboard.Health;

namespace FinchDashboard.Unit.Health;

/// <summary>When health checks start: spread over the interval, within the rate, held back after a 429.</summary>
public class HealthCheckPacingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Few_connections_are_spread_evenly_over_the_interval()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), HealthCheckPacing.Spacing(4, TimeSpan.FromHours(1), maxRequestsPerMinute: 10));
        Assert.Equal(TimeSpan.FromSeconds(36), HealthCheckPacing.Spacing(100, TimeSpan.FromHours(1), maxRequestsPerMinute: 10));
    }

    [Fact]
    public void More_connections_than_the_rate_fits_in_the_interval_go_at_the_rate_and_no_faster()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), HealthCheckPacing.Spacing(1_000, TimeSpan.FromHours(1), maxRequestsPerMinute: 10));
        Assert.Equal(TimeSpan.FromSeconds(3), HealthCheckPacing.Spacing(50_000, TimeSpan.FromMinutes(5), maxRequestsPerMinute: 20));
    }

    [Fact]
    public void At_exactly_the_rate_both_rules_agree()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), HealthCheckPacing.Spacing(600, TimeSpan.FromHours(1), maxRequestsPerMinute: 10));
    }

    [Fact]
    public void A_pass_with_nothing_due_waits_a_whole_interval()
    {
        Assert.Equal(TimeSpan.FromHours(1), HealthCheckPacing.Spacing(0, TimeSpan.FromHours(1), maxRequestsPerMinute: 10));
    }

    [Fact]
    public void The_rate_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HealthCheckPacing.Spacing(10, TimeSpan.FromHours(1), maxRequestsPerMinute: 0));
    }

    [Fact]
    public void The_next_check_starts_one_spacing_after_the_previous_start()
    {
        Assert.Equal(Noon.AddSeconds(36), HealthCheckPacing.NextCheckAt(Noon, TimeSpan.FromSeconds(36), backedOffUntil: null));
    }

    [Fact]
    public void A_back_off_longer_than_the_spacing_holds_the_next_check_until_it_ends()
    {
        Assert.Equal(Noon.AddSeconds(90), HealthCheckPacing.NextCheckAt(Noon, TimeSpan.FromSeconds(36), backedOffUntil: Noon.AddSeconds(90)));
        Assert.Equal(Noon.AddSeconds(36), HealthCheckPacing.NextCheckAt(Noon, TimeSpan.FromSeconds(36), backedOffUntil: Noon.AddSeconds(10)));
    }

    [Fact]
    public void A_429_waits_what_Retry_After_asks_else_a_whole_rate_limit_window()
    {
        Assert.Equal(TimeSpan.FromSeconds(17), HealthCheckPacing.BackOff(TimeSpan.FromSeconds(17)));
        Assert.Equal(TimeSpan.FromSeconds(60), HealthCheckPacing.BackOff(null));
        Assert.Equal(TimeSpan.FromSeconds(60), HealthCheckPacing.BackOff(TimeSpan.Zero));
    }

    [Fact]
    public void The_next_pass_starts_one_interval_after_this_one_started()
    {
        var next = HealthCheckPacing.NextPassAt(Noon, TimeSpan.FromHours(1), lastCheckStartedAt: Noon.AddMinutes(45), spacing: TimeSpan.FromMinutes(15));

        Assert.Equal(Noon.AddHours(1), next);
    }

    [Fact]
    public void A_pass_that_overran_its_interval_is_followed_after_one_more_spacing_so_the_rate_holds()
    {
        var next = HealthCheckPacing.NextPassAt(Noon, TimeSpan.FromHours(1), lastCheckStartedAt: Noon.AddMinutes(99.9), spacing: TimeSpan.FromSeconds(6));

        Assert.Equal(Noon.AddMinutes(99.9).AddSeconds(6), next);
    }

    [Fact]
    public void A_connection_checked_within_half_an_interval_is_not_due()
    {
        var dueBefore = HealthCheckPacing.DueBefore(Noon, TimeSpan.FromHours(1));

        Assert.Equal(Noon.AddMinutes(-30), dueBefore);
        // Checked one interval ago by the last pass: due. Checked a minute ago by another instance's pass: not due.
        Assert.True(Noon.AddHours(-1) < dueBefore);
        Assert.False(Noon.AddMinutes(-1) < dueBefore);
    }
}
