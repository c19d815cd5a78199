using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;

namespace FinchDashboard.Unit.Access;

public class SignInSessionPolicyTests
{
    private static readonly DateTimeOffset SignedInAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly SignInSessionPolicy _policy = new(new SecurityPolicyOptions
    {
        IdleTimeout = TimeSpan.FromMinutes(30),
        AbsoluteLifetime = TimeSpan.FromHours(12),
    });

    public static TheoryData<TimeSpan, TimeSpan, bool> Moments => new()
    {
        // last seen after sign-in, now after sign-in, live?
        { TimeSpan.Zero, TimeSpan.FromMinutes(29), true },
        { TimeSpan.Zero, TimeSpan.FromMinutes(30), false },
        { TimeSpan.FromHours(11), TimeSpan.FromHours(11.4), true },
        { TimeSpan.FromHours(11.9), TimeSpan.FromHours(12) - TimeSpan.FromTicks(1), true },
        { TimeSpan.FromHours(11.9), TimeSpan.FromHours(12), false },
        { TimeSpan.FromHours(12), TimeSpan.FromHours(12), false },
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public void A_session_lives_until_idle_for_the_timeout_or_until_its_absolute_end(TimeSpan lastSeen, TimeSpan now, bool live)
    {
        var session = Session(lastSeen);

        Assert.Equal(live, _policy.IsLive(session.LastSeenAt, session.ExpiresAt, SignedInAt + now));
    }

    [Theory]
    [MemberData(nameof(Moments))]
    public void The_sweep_deletes_exactly_the_sessions_that_are_no_longer_live(TimeSpan lastSeen, TimeSpan now, bool live)
    {
        var ended = _policy.EndedAt(SignedInAt + now).Compile();

        Assert.Equal(!live, ended(Session(lastSeen)));
    }

    [Fact]
    public void The_absolute_end_is_counted_from_sign_in()
    {
        Assert.Equal(SignedInAt.AddHours(12), _policy.ExpiresAt(SignedInAt));
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(3600, true)]
    public void Use_is_written_down_once_a_minute_has_passed(int secondsSinceLastSeen, bool due)
    {
        Assert.Equal(due, SignInSessionPolicy.IsSightingDue(SignedInAt, SignedInAt.AddSeconds(secondsSinceLastSeen)));
    }

    private SignInSession Session(TimeSpan lastSeen) => new()
    {
        Id = "session",
        UserId = "user",
        CreatedAt = SignedInAt,
        LastSeenAt = SignedInAt + lastSeen,
        ExpiresAt = _policy.ExpiresAt(SignedInAt),
        Ticket = [],
    };
}
