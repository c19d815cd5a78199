using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;

namespace FinchDashboard.Unit.Connections;

public class ConnectionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly ActionNeededThresholds Thresholds = new ActionNeededOptions().Thresholds;
    private static readonly TimeSpan AutomatedPending = Thresholds.PendingLimit(ConnectionType.Automated);

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
        Assert.Null(KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - AutomatedPending, 0));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - AutomatedPending - TimeSpan.FromMinutes(1), 0));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - AutomatedPending - TimeSpan.FromTicks(10), 0));
    }

    [Fact]
    public void An_assisted_set_up_may_stay_pending_for_Finchs_first_sync_SLA_before_it_needs_action()
    {
        var assistedPending = Thresholds.PendingLimit(ConnectionType.Assisted);
        Assert.Equal(TimeSpan.FromDays(14), assistedPending);
        Assert.Null(KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - TimeSpan.FromDays(5), 0, ConnectionType.Assisted));
        Assert.Null(KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - assistedPending, 0, ConnectionType.Assisted));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - assistedPending - TimeSpan.FromTicks(10), 0, ConnectionType.Assisted));
        Assert.Equal(ActionNeededKind.StuckPending,
            KindOf(ConnectionState.Live, ConnectionStatus.Pending, Now - TimeSpan.FromDays(5), 0, ConnectionType.AutomatedAssisted));
    }

    [Theory]
    [InlineData(ConnectionType.Automated, 26 * 60, false)]
    [InlineData(ConnectionType.Automated, 26 * 60 + 1, true)]
    [InlineData(ConnectionType.AutomatedAssisted, 26 * 60 + 1, true)]
    [InlineData(ConnectionType.Assisted, 26 * 60 + 1, false)]
    [InlineData(ConnectionType.Assisted, 7 * 24 * 60 + 2 * 60, false)]
    [InlineData(ConnectionType.Assisted, 7 * 24 * 60 + 2 * 60 + 1, true)]
    public void A_connected_connection_is_overdue_once_its_last_sync_is_older_than_its_cadence_and_the_grace(
        ConnectionType type, int minutesSinceSync, bool overdue)
    {
        var connection = new ConnectionBuilder(Employer, ConnectionState.Live)
            .Type(type)
            .LastSynced(Now.AddMinutes(-minutesSinceSync))
            .Build().Connection;

        Assert.Equal(overdue ? ActionNeededKind.SyncOverdue : null, ActionNeeded.KindAt(Now, Thresholds).Compile()(connection));
        Assert.Equal(overdue, ActionNeeded.SyncOverdueOf(Now, Thresholds).Compile()(connection));
    }

    [Fact]
    public void Only_a_connected_connection_that_has_synced_once_can_be_overdue_and_a_worse_kind_comes_first()
    {
        var longAgo = Now.AddDays(-60);
        var neverSynced = new ConnectionBuilder(Employer, ConnectionState.Live).Company("New").Build().Connection;
        var reauth = new ConnectionBuilder(Employer, ConnectionState.Live).Status(ConnectionStatus.Reauth).LastSynced(longAgo).Build().Connection;
        var failing = new ConnectionBuilder(Employer, ConnectionState.Live)
            .LastSynced(longAgo).FailingHealthChecks(ActionNeeded.RepeatedHealthCheckFailures, HealthCheckFailureKind.FinchError).Build().Connection;
        var kindOf = ActionNeeded.KindAt(Now, Thresholds).Compile();
        var overdue = ActionNeeded.SyncOverdueOf(Now, Thresholds).Compile();

        Assert.Null(kindOf(neverSynced));
        Assert.Equal(ActionNeededKind.Reauth, kindOf(reauth));
        Assert.False(overdue(reauth));
        Assert.Equal(ActionNeededKind.FailingHealthChecks, kindOf(failing));
        Assert.True(overdue(failing));
    }

    [Fact]
    public void Configured_thresholds_decide()
    {
        var connection = new ConnectionBuilder(Employer, ConnectionState.Live).LastSynced(Now.AddHours(-30)).Build().Connection;
        var patient = new ActionNeededOptions { AutomatedSyncCadence = TimeSpan.FromHours(48) }.Thresholds;

        Assert.Equal(ActionNeededKind.SyncOverdue, ActionNeeded.KindAt(Now, Thresholds).Compile()(connection));
        Assert.Null(ActionNeeded.KindAt(Now, patient).Compile()(connection));
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
        var needsAction = ActionNeeded.NeedsActionAt(Now, Thresholds).Compile();
        var kindOf = ActionNeeded.KindAt(Now, Thresholds).Compile();
        var since = new[] { Now, Now - AutomatedPending, Now - AutomatedPending - TimeSpan.FromTicks(10) };
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
    private static Connection ConnectionWith(
        ConnectionState state, ConnectionStatus status, DateTimeOffset statusSince, int healthFailureCount, ConnectionType type = ConnectionType.Automated) =>
        new ConnectionBuilder(Employer, state)
            .Status(status, statusSince)
            .Type(type)
            .FailingHealthChecks(healthFailureCount, HealthCheckFailureKind.FinchError)
            .Build().Connection;

    private static ActionNeededKind? KindOf(
        ConnectionState state, ConnectionStatus status, DateTimeOffset statusSince, int healthFailureCount, ConnectionType type = ConnectionType.Automated) =>
        ActionNeeded.KindAt(Now, Thresholds).Compile()(ConnectionWith(state, status, statusSince, healthFailureCount, type));
}
