using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;

namespace FinchDashboard.Unit.Connections;

public class ConnectionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new[] { AuthenticationMethodType.Oauth }, ConnectionType.Automated)]
    [InlineData(new[] { AuthenticationMethodType.Credential, AuthenticationMethodType.ApiToken }, ConnectionType.Automated)]
    [InlineData(new[] { AuthenticationMethodType.Assisted }, ConnectionType.Assisted)]
    [InlineData(new[] { AuthenticationMethodType.ApiToken, AuthenticationMethodType.Assisted }, ConnectionType.AutomatedAssisted)]
    [InlineData(new AuthenticationMethodType[0], ConnectionType.Automated)]
    public void The_connection_type_follows_the_authentication_methods(AuthenticationMethodType[] methods, ConnectionType expected) =>
        Assert.Equal(expected, ConnectionTypes.From(methods));

    [Theory]
    [InlineData(ConnectionType.Automated, "Automated")]
    [InlineData(ConnectionType.Assisted, "Assisted")]
    [InlineData(ConnectionType.AutomatedAssisted, "Automated, Assisted")]
    public void Connection_types_read_as_on_Finchs_page(ConnectionType type, string text) => Assert.Equal(text, type.DisplayName());

    [Theory]
    [InlineData(ConnectionStatus.Reauth, ActionNeededKind.Reauth)]
    [InlineData(ConnectionStatus.ErrorPermissions, ActionNeededKind.PermissionsError)]
    [InlineData(ConnectionStatus.ErrorNoAccountSetup, ActionNeededKind.NoAccountSetUp)]
    public void Live_connections_in_trouble_need_action(ConnectionStatus status, ActionNeededKind kind) =>
        Assert.Equal(kind, KindOf(ConnectionState.Live, status, Now, 0));

    [Theory]
    [InlineData(ConnectionStatus.Connected)]
    [InlineData(ConnectionStatus.Processing)]
    public void Healthy_connections_need_nothing(ConnectionStatus status) =>
        Assert.Null(KindOf(ConnectionState.Live, status, Now.AddYears(-1), 0));

    [Fact]
    public void Pending_needs_action_only_after_the_threshold()
    {
        Assert.Null(KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - ActionNeeded.PendingThreshold, 0));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - ActionNeeded.PendingThreshold - TimeSpan.FromMinutes(1), 0));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - ActionNeeded.PendingThreshold - TimeSpan.FromTicks(10), 0));
    }

    [Fact]
    public void Repeated_health_check_failures_need_action_only_when_the_status_says_nothing_worse()
    {
        Assert.Null(KindOf(ConnectionState.Live, ConnectionStatus.Connected, Now, ActionNeeded.RepeatedHealthCheckFailures - 1));
        Assert.Equal(ActionNeededKind.FailingHealthChecks,
            KindOf(ConnectionState.Live, ConnectionStatus.Connected, Now, ActionNeeded.RepeatedHealthCheckFailures));
        Assert.Equal(ActionNeededKind.Reauth,
            KindOf(ConnectionState.Live, ConnectionStatus.Reauth, Now, ActionNeeded.RepeatedHealthCheckFailures));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now.AddDays(-30), ActionNeeded.RepeatedHealthCheckFailures));
        Assert.Equal(ActionNeededKind.FailingHealthChecks,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now, ActionNeeded.RepeatedHealthCheckFailures));
    }

    [Theory]
    [InlineData(ConnectionState.Staged)]
    [InlineData(ConnectionState.Disconnected)]
    public void Only_live_connections_need_action(ConnectionState state)
    {
        Assert.Null(KindOf(state, ConnectionStatus.Reauth, Now, 0));
        Assert.Null(KindOf(state, ConnectionStatus.Pending, Now.AddDays(-30), ActionNeeded.RepeatedHealthCheckFailures));
    }

    [Fact]
    public void A_connection_needs_action_exactly_when_it_has_a_kind()
    {
        var needsAction = ActionNeeded.NeedsActionAt(Now).Compile();
        var kindOf = ActionNeeded.KindAt(Now).Compile();
        var since = new[] { Now, Now - ActionNeeded.PendingThreshold, Now - ActionNeeded.PendingThreshold - TimeSpan.FromTicks(10) };
        var failures = new[] { 0, ActionNeeded.RepeatedHealthCheckFailures - 1, ActionNeeded.RepeatedHealthCheckFailures };

        var connections =
            from state in Enum.GetValues<ConnectionState>()
            from status in Enum.GetValues<ConnectionStatus>().Where(s => s != ConnectionStatus.Disconnected)
            from statusSince in since
            from failureCount in failures
            select ConnectionWith(state, status, statusSince, failureCount);

        Assert.All(connections, c => Assert.Equal(kindOf(c) is not null, needsAction(c)));
    }

    [Theory]
    [InlineData("connected", ConnectionStatus.Connected, "Connected")]
    [InlineData("reauth", ConnectionStatus.Reauth, "Re-auth")]
    [InlineData("error_permissions", ConnectionStatus.ErrorPermissions, "Permissions error")]
    [InlineData("error_no_account_setup", ConnectionStatus.ErrorNoAccountSetup, "No account set up")]
    [InlineData("pending", ConnectionStatus.Pending, "Pending")]
    [InlineData("processing", ConnectionStatus.Processing, "Processing")]
    public void Finch_status_names_round_trip_and_read_as_on_Finchs_page(string wire, ConnectionStatus status, string text)
    {
        Assert.True(ConnectionStatuses.TryParseWireName(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.WireName());
        Assert.Equal(text, status.DisplayName());
    }

    [Fact]
    public void Unknown_status_names_are_not_guessed()
    {
        Assert.False(ConnectionStatuses.TryParseWireName("Connected", out _));
        Assert.False(ConnectionStatuses.TryParseWireName(null, out _));
    }

    private static readonly Employer Employer = new(Guid.CreateVersion7(), "acme", "Acme", null, Now);

    // Built through the domain's transitions: a staged or disconnected connection gets there as real ones do, whatever
    // status it is asked for.
    private static Connection ConnectionWith(ConnectionState state, ConnectionStatus status, DateTimeOffset statusSince, int healthFailureCount) =>
        new ConnectionBuilder(Employer, state)
            .Status(status, statusSince)
            .FailingHealthChecks(healthFailureCount, HealthCheckFailureKind.FinchError)
            .Build().Connection;

    private static ActionNeededKind? KindOf(ConnectionState state, ConnectionStatus status, DateTimeOffset statusSince, int healthFailureCount) =>
        ActionNeeded.KindAt(Now).Compile()(ConnectionWith(state, status, statusSince, healthFailureCount));
}
