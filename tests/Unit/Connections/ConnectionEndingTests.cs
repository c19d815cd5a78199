using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;

namespace FinchDashboard.Unit.Connections;

/// <summary>
/// How entities and connections end: from the dashboard, by Finch's reports, and by the last entity going. A
/// disconnected connection has the Disconnected status and a time, keeps no active entity when it was ended with them,
/// and never comes back.
/// </summary>
public class ConnectionEndingTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = ReadAt.AddHours(1);
    private static readonly Employer Acme = new(Guid.CreateVersion7(), "acme-manufacturing", "Acme Manufacturing", null, ReadAt);

    /// <summary>A live connection read from Finch with the entities of <paramref name="statuses"/> (e0, e1, ...).</summary>
    private static (Connection Connection, List<ConnectionEntity> Entities) Live(params string[] statuses)
    {
        var connection = Connection.Stage(Guid.CreateVersion7(), Acme, "adp_run", ["company"], "sess_1", ReadAt.AddDays(30), ReadAt.AddHours(-1));
        connection.CompleteConnectSession("conn_1", "company_1", "adp_run", ["company"], ReadAt.AddMinutes(-30));
        var report = new ConnectionIntrospection("conn_1", ConnectionStatus.Reauth, "The employer changed their password", "company_1", "adp_run", ["company"],
            null, null, ConnectionType.Automated, null, [.. statuses.Select((status, i) => new IntrospectedEntity($"e{i}", $"Acme {i}", null, status))]);
        var entities = connection.ApplyIntrospection(report, null, [], ReadAt).ToList();
        return (connection, entities);
    }

    private static void AssertEnded(Connection connection, DateTimeOffset at)
    {
        Assert.Equal((ConnectionState.Disconnected, ConnectionStatus.Disconnected), (connection.State, connection.Status));
        Assert.Equal((at, at, at), (connection.DisconnectedAt, connection.StatusChangedAt, connection.StatusReportedAt));
        Assert.Null(connection.StatusMessage);
    }

    [Fact]
    public void Disconnecting_from_the_dashboard_ends_the_connection_and_every_active_entity_and_records_who_and_why()
    {
        var (connection, entities) = Live("connected", "reauth", "disconnected");

        connection.Disconnect("Ada Admin", "Employer offboarded", Now, entities);

        AssertEnded(connection, Now);
        Assert.Equal(("Ada Admin", "Employer offboarded"), (connection.DisconnectedBy, connection.DisconnectReason));
        Assert.Equal(0, connection.ActiveEntityCount);
        Assert.All(entities, e => Assert.False(e.IsActive));
        Assert.All(entities.Take(2), e => Assert.Equal((Now, "Ada Admin", Now), (e.DisconnectedAt, e.DisconnectedBy, e.StatusReportedAt)));
        // One disconnected earlier keeps its own history.
        Assert.Null(entities[2].DisconnectedBy);
    }

    [Fact]
    public void Only_a_live_connection_is_disconnected_and_only_with_who_and_why()
    {
        var (live, entities) = Live("connected");
        var staged = Connection.Stage(Guid.CreateVersion7(), Acme, null, ["company"], "sess_2", ReadAt.AddDays(30), ReadAt);

        Assert.Throws<ArgumentException>(() => live.Disconnect("Ada Admin", " ", Now, entities));
        Assert.Throws<ArgumentException>(() => live.Disconnect("", "Employer offboarded", Now, entities));
        Assert.Throws<InvalidOperationException>(() => staged.Disconnect("Ada Admin", "Employer offboarded", Now, []));
        live.Disconnect("Ada Admin", "Employer offboarded", Now, entities);
        Assert.Throws<InvalidOperationException>(() => live.Disconnect("Ada Admin", "Again", Now.AddHours(1), entities));
        Assert.Equal(("Employer offboarded", Now), (live.DisconnectReason, live.DisconnectedAt));
    }

    [Fact]
    public void Disconnecting_entities_keeps_the_others_and_the_connection_live_even_with_none_left()
    {
        var (connection, entities) = Live("connected", "connected", "connected");

        connection.DisconnectEntities([entities[0]], entities, "Max Manager", Now);

        Assert.Equal((Now, "Max Manager", "disconnected"), (entities[0].DisconnectedAt, entities[0].DisconnectedBy, entities[0].Status));
        Assert.Equal(2, connection.ActiveEntityCount);

        connection.DisconnectEntities([entities[1], entities[2]], entities, "Max Manager", Now.AddMinutes(1));

        Assert.Equal(0, connection.ActiveEntityCount);
        Assert.Equal((ConnectionState.Live, ConnectionStatus.Reauth), (connection.State, connection.Status));
    }

    [Fact]
    public void Only_active_entities_of_a_live_connection_are_disconnected()
    {
        var (connection, entities) = Live("connected", "disconnected");
        var (other, foreign) = Live("connected");

        Assert.Throws<ArgumentException>(() => connection.DisconnectEntities([], entities, "Max Manager", Now));
        Assert.Throws<ArgumentException>(() => connection.DisconnectEntities([entities[1]], entities, "Max Manager", Now));
        Assert.Throws<ArgumentException>(() => connection.DisconnectEntities([foreign[0]], entities, "Max Manager", Now));
        Assert.Throws<ArgumentException>(() => connection.DisconnectEntities([foreign[0]], foreign, "Max Manager", Now));
        other.Disconnect("Ada Admin", "Employer offboarded", Now, foreign);
        Assert.Throws<InvalidOperationException>(() => other.DisconnectEntities([foreign[0]], foreign, "Max Manager", Now));
        Assert.Equal(1, connection.ActiveEntityCount);
    }

    [Fact]
    public void Finch_reporting_the_connection_disconnected_ends_it_by_Finch_from_outside_the_dashboard()
    {
        var (connection, _) = Live("connected");

        connection.ApplyStatusReport(ConnectionStatus.Disconnected, Now, Now);

        AssertEnded(connection, Now);
        Assert.Equal((Connection.EndedByFinch, Connection.EndedOutsideDashboard), (connection.DisconnectedBy, connection.DisconnectReason));
        Assert.Contains("by the employer, at the provider", connection.DisconnectReason);
    }

    [Fact]
    public void Entities_removed_from_the_dashboard_end_the_connection_in_the_name_of_whoever_removed_the_last()
    {
        var (connection, entities) = Live("connected", "connected");
        connection.DisconnectEntities([entities[0]], entities, "Max Manager", Now);
        connection.DisconnectEntities([entities[1]], entities, "Ada Admin", Now.AddMinutes(1));

        // Finch's webhook for the last entity is what ends the connection.
        Assert.True(connection.ApplyEntityStatusReport(entities[1], ConnectionStatus.Disconnected, Now.AddMinutes(2), Now.AddMinutes(2), entities));

        Assert.Equal(("Ada Admin", Connection.EveryEntityRemoved), (connection.DisconnectedBy, connection.DisconnectReason));
    }

    [Fact]
    public void Entities_Finch_reported_disconnected_end_the_connection_by_Finch()
    {
        var (connection, entities) = Live("connected", "connected");
        connection.DisconnectEntities([entities[0]], entities, "Max Manager", Now);

        Assert.True(connection.ApplyEntityStatusReport(entities[1], ConnectionStatus.Disconnected, Now.AddMinutes(1), Now.AddMinutes(1), entities));

        Assert.Equal((Connection.EndedByFinch, Connection.EveryEntityEndedOutsideDashboard), (connection.DisconnectedBy, connection.DisconnectReason));
    }

    [Fact]
    public void A_disconnected_connection_never_comes_back()
    {
        var (connection, entities) = Live("connected");
        connection.Disconnect("Ada Admin", "Employer offboarded", Now, entities);

        Assert.Throws<InvalidOperationException>(() => connection.ApplyStatusReport(ConnectionStatus.Connected, Now.AddMinutes(1), Now.AddMinutes(1)));
        Assert.Throws<InvalidOperationException>(() => connection.MarkNeedsReauth("Please reauthenticate", Now.AddMinutes(1)));
        Assert.Throws<InvalidOperationException>(() => connection.AttachFinchConnection("conn_2", "company_2"));
        AssertEnded(connection, Now);
    }

    [Fact]
    public void An_entity_report_changes_the_entity_and_recounts_the_active_ones()
    {
        var (connection, entities) = Live("connected", "connected");

        var ended = connection.ApplyEntityStatusReport(entities[0], ConnectionStatus.Disconnected, Now, Now, entities);

        Assert.False(ended);
        Assert.Equal(("disconnected", Now), (entities[0].Status, entities[0].StatusReportedAt));
        Assert.Equal(1, connection.ActiveEntityCount);
        Assert.Equal(ConnectionState.Live, connection.State);

        connection.ApplyEntityStatusReport(entities[0], ConnectionStatus.Reauth, Now.AddMinutes(1), Now.AddMinutes(1), entities);

        Assert.Equal(("reauth", 2), (entities[0].Status, connection.ActiveEntityCount));
    }

    [Fact]
    public void The_last_entity_disconnecting_ends_a_live_connection()
    {
        var (connection, entities) = Live("connected", "disconnected");

        var ended = connection.ApplyEntityStatusReport(entities[0], ConnectionStatus.Disconnected, Now, Now, entities);

        Assert.True(ended);
        AssertEnded(connection, Now);
        Assert.Equal(0, connection.ActiveEntityCount);
    }

    [Fact]
    public void Entity_reports_on_a_connection_that_has_ended_only_recount_its_entities()
    {
        var (connection, entities) = Live("connected", "connected");
        connection.ApplyStatusReport(ConnectionStatus.Disconnected, Now, Now);

        Assert.False(connection.ApplyEntityStatusReport(entities[0], ConnectionStatus.Disconnected, Now.AddMinutes(1), Now.AddMinutes(1), entities));
        Assert.False(connection.ApplyEntityStatusReport(entities[1], ConnectionStatus.Disconnected, Now.AddMinutes(2), Now.AddMinutes(2), entities));

        Assert.Equal(0, connection.ActiveEntityCount);
        AssertEnded(connection, Now);
    }

    [Fact]
    public void An_entity_report_is_applied_only_to_the_connections_own_entity_and_only_when_current()
    {
        var (connection, entities) = Live("connected", "connected");
        var (_, foreign) = Live("connected");
        connection.ApplyEntityStatusReport(entities[0], ConnectionStatus.Reauth, Now, Now, entities);

        Assert.Throws<ArgumentException>(() => connection.ApplyEntityStatusReport(foreign[0], ConnectionStatus.Disconnected, Now, Now, entities));
        Assert.Throws<ArgumentException>(() => connection.ApplyEntityStatusReport(foreign[0], ConnectionStatus.Disconnected, Now, Now, foreign));
        Assert.Throws<InvalidOperationException>(() =>
            connection.ApplyEntityStatusReport(entities[0], ConnectionStatus.Connected, Now.AddSeconds(-30), Now.AddSeconds(1), entities));
        Assert.Throws<InvalidOperationException>(() =>
            connection.ApplyEntityStatusReport(entities[1], ConnectionStatus.Disconnected, Now, ReadAt.AddMinutes(-1), entities));
        Assert.Equal(["reauth", "connected"], entities.Select(e => e.Status));
        Assert.Equal(2, connection.ActiveEntityCount);
    }
}
