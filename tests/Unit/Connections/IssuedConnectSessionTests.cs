using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Connections;

public class IssuedConnectSessionTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static IssuedConnectSession Session() => new()
    {
        Id = Guid.CreateVersion7(),
        EmployerId = Guid.CreateVersion7(),
        ConnectionId = Guid.CreateVersion7(),
        Kind = ConnectSessionKind.NewConnection,
        FinchSessionId = "sess_1",
        StateHash = new byte[32],
        ConnectUrl = "https://connect.tryfinch.com/authorize?session=sess_1&state=abc",
        RedirectUri = "https://dashboard.example/finch/callback",
        CreatedAt = CreatedAt,
        ExpiresAt = CreatedAt.AddMinutes(30),
        CreatedBy = "Max Manager",
    };

    [Fact]
    public void A_session_is_completed_once()
    {
        var session = Session();

        session.Complete(CreatedAt.AddMinutes(10));

        Assert.Equal(CreatedAt.AddMinutes(10), session.CompletedAt);
        Assert.False(session.IsExpired(CreatedAt.AddHours(1)));
        Assert.Throws<InvalidOperationException>(() => session.Complete(CreatedAt.AddMinutes(11)));
        Assert.Equal(CreatedAt.AddMinutes(10), session.CompletedAt);
    }

    [Fact]
    public void An_expired_session_is_not_completed()
    {
        var session = Session();

        Assert.Throws<InvalidOperationException>(() => session.Complete(CreatedAt.AddMinutes(30)));
        Assert.Null(session.CompletedAt);
    }
}
