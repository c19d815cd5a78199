using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.SelfService;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.SelfService;

public class EmployerConnectionCardTests
{
    private static EmployerConnectionCard Card(
        ConnectionStatus status, ConnectionState state = ConnectionState.Live, DateTimeOffset? lastSynced = null, params EmployerEntityLine[] entities) =>
        new(Guid.NewGuid(), state, "Stark Industries", "Paychex Flex", status, "Finch says so", lastSynced, null,
            state == ConnectionState.Disconnected ? new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero) : null, ["directory"], "conn_1", entities);

    [Theory]
    [InlineData(ConnectionStatus.Reauth, true)]
    [InlineData(ConnectionStatus.ErrorPermissions, true)]
    [InlineData(ConnectionStatus.ErrorNoAccountSetup, true)]
    [InlineData(ConnectionStatus.Connected, false)]
    [InlineData(ConnectionStatus.Pending, false)]
    public void Only_what_the_employer_can_fix_asks_for_them(ConnectionStatus status, bool needsYou)
    {
        Assert.Equal(needsYou, Card(status).NeedsYou);
        Assert.False(Card(status, ConnectionState.Disconnected).NeedsYou);
    }

    [Fact]
    public void A_past_connection_shows_as_disconnected_whatever_Finch_said_last()
    {
        var past = Card(ConnectionStatus.Reauth, ConnectionState.Disconnected);

        Assert.Equal(ConnectionStatus.Disconnected, past.ShownStatus);
        Assert.StartsWith("Disconnected on 4 Mar 2026. We no longer read anything from it", past.Explanation);
    }

    [Fact]
    public void The_explanation_says_what_to_do_and_when_data_last_came()
    {
        var synced = new DateTimeOffset(2026, 11, 30, 14, 5, 0, TimeSpan.Zero);

        Assert.Equal("Working: we receive your data automatically. Last successful update 30 Nov 2026 at 14:05 UTC.",
            Card(ConnectionStatus.Connected, lastSynced: synced).Explanation);
        Assert.StartsWith("Needs you: the provider no longer accepts the sign-in", Card(ConnectionStatus.Reauth).Explanation);
        Assert.StartsWith("Being set up", Card(ConnectionStatus.Processing).Explanation);
        Assert.Equal("Finch says so", Card(ConnectionStatus.Disconnected).Explanation);
    }

    [Fact]
    public void Several_active_companies_are_counted_and_one_is_named()
    {
        Assert.Equal("2 companies", Card(ConnectionStatus.Connected, entities: [new("East", true), new("West", true), new("Gone", false)]).Companies);
        Assert.Equal("Stark Industries", Card(ConnectionStatus.Connected, entities: [new("East", true), new("Gone", false)]).Companies);
    }

    [Fact]
    public void A_reconnect_that_did_not_open_Finch_Connect_says_why()
    {
        Assert.Equal("Finch is down.", EmployerOverview.ReconnectProblem(new ConnectLinkResult.Failed("Finch is down.", "req-1")));
        Assert.Equal("One. Two.", EmployerOverview.ReconnectProblem(new ConnectLinkResult.Invalid(["One.", "Two."])));
        Assert.Equal("Finch Connect could not be opened. Try again in a moment.",
            EmployerOverview.ReconnectProblem(new ConnectLinkResult.AlreadyConnected(null, "conn_1")));
    }
}
