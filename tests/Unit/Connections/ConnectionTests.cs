using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Unit.Connections;

/// <summary>A connection's life up to and while live: each transition, and the invariants it keeps.</summary>
public class ConnectionTests
{
    private static readonly DateTimeOffset StagedAt = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ConnectedAt = StagedAt.AddMinutes(5);
    private static readonly DateTimeOffset ReadAt = StagedAt.AddMinutes(10);
    private static readonly Employer Acme = new(Guid.CreateVersion7(), "acme-manufacturing", "Acme Manufacturing", null, StagedAt);

    private static Connection Staged() => Connection.Stage(Guid.CreateVersion7(), Acme, "gusto", ["company", "directory"], "sess_1", StagedAt.AddDays(30), StagedAt);

    private static Connection Completed()
    {
        var connection = Staged();
        connection.CompleteConnectSession("conn_1", "company_1", "gusto", ["company", "directory"], ConnectedAt);
        return connection;
    }

    private static ConnectionIntrospection Report(ConnectionStatus? status, params IntrospectedEntity[] entities) => new(
        "conn_1", status, status == ConnectionStatus.Reauth ? "The employer changed their password" : null, "company_1", "gusto",
        ["company", "directory", "payment"], null, null, ConnectionType.Automated, ReadAt.AddHours(-1), entities);

    private static IntrospectedEntity Entity(string id, string status = "connected") => new(id, $"Acme {id}", $"source-{id}", status);

    [Fact]
    public void A_Connect_link_stages_a_pending_row_with_its_session_and_no_Finch_connection()
    {
        var connection = Staged();

        Assert.Equal((ConnectionState.Staged, ConnectionStatus.Pending, StagedAt), (connection.State, connection.Status, connection.StatusChangedAt));
        Assert.Equal(("sess_1", StagedAt.AddDays(30), ConnectSessionProgress.Created), (connection.SessionId, connection.SessionExpiresAt, connection.SessionProgress));
        Assert.Equal((Acme.Id, $"acme-manufacturing/{connection.Id}", Acme.Name), (connection.EmployerId, connection.CustomerId, connection.CustomerName));
        Assert.Equal((StagedAt, "gusto"), (connection.CreatedAt, connection.ProviderId));
        Assert.Null(connection.FinchConnectionId);
        Assert.Equal(0, connection.ActiveEntityCount);
    }

    [Fact]
    public void Each_of_an_employers_connections_has_its_own_customer_id_derived_from_the_employers()
    {
        var first = Staged();
        var second = Staged();

        Assert.NotEqual(first.CustomerId, second.CustomerId);
        Assert.All([first, second], c => Assert.StartsWith("acme-manufacturing/", c.CustomerId, StringComparison.Ordinal));
        Assert.Equal(Connection.CustomerIdFor(Acme, first.Id), first.CustomerId);
        Assert.Equal(Connection.CustomerIdFor(Acme, first.Id), Connection.CustomerIdFor(Acme, first.Id));
    }

    [Fact]
    public void A_customer_id_too_long_to_fit_beside_the_connection_id_is_shortened_but_keeps_the_connection_id_whole()
    {
        var longest = new Employer(Guid.CreateVersion7(), new string('x', Employer.CustomerIdMaxLength), "Long Id Co", null, StagedAt);
        var id = Guid.CreateVersion7();

        var customerId = Connection.CustomerIdFor(longest, id);

        Assert.Equal(Employer.CustomerIdMaxLength, customerId.Length);
        Assert.EndsWith($"x/{id}", customerId, StringComparison.Ordinal);
    }

    [Fact]
    public void What_Finch_reports_as_the_customer_id_replaces_the_one_sent_so_an_older_connection_keeps_the_employers()
    {
        var connection = Completed();

        connection.ApplyIntrospection(Report(ConnectionStatus.Connected) with { CustomerId = "acme-manufacturing" }, null, [], ReadAt);

        Assert.Equal("acme-manufacturing", connection.CustomerId);
    }

    [Fact]
    public void The_environment_Finch_reports_is_recorded_and_a_report_without_one_keeps_it()
    {
        var connection = Completed();
        Assert.Null(connection.Environment);

        connection.ApplyIntrospection(Report(ConnectionStatus.Connected) with { Environment = FinchEnvironment.Production }, null, [], ReadAt);
        Assert.Equal(FinchEnvironment.Production, connection.Environment);

        connection.ApplyIntrospection(Report(ConnectionStatus.Connected), null, [], ReadAt.AddMinutes(1));
        Assert.Equal(FinchEnvironment.Production, connection.Environment);
    }

    [Fact]
    public void A_staged_row_needs_a_session()
    {
        Assert.Throws<ArgumentException>(() => Connection.Stage(Guid.CreateVersion7(), Acme, null, ["company"], " ", StagedAt.AddDays(30), StagedAt));
    }

    [Theory]
    [InlineData(ConnectSessionProgress.Opened)]
    [InlineData(ConnectSessionProgress.Expired)]
    public void A_staged_row_follows_its_sessions_progress(ConnectSessionProgress progress)
    {
        var connection = Staged();

        connection.RecordSessionProgress(progress);

        Assert.Equal(progress, connection.SessionProgress);
    }

    [Fact]
    public void Only_the_employer_completing_Connect_completes_a_session()
    {
        Assert.Throws<ArgumentException>(() => Staged().RecordSessionProgress(ConnectSessionProgress.Completed));
        Assert.Throws<InvalidOperationException>(() => Completed().RecordSessionProgress(ConnectSessionProgress.Expired));
    }

    [Fact]
    public void Completing_Connect_makes_the_staged_row_the_live_connection_Finch_created()
    {
        var connection = Completed();

        Assert.Equal((ConnectionState.Live, "conn_1", "company_1"), (connection.State, connection.FinchConnectionId, connection.CompanyId));
        Assert.Equal((ConnectedAt, ConnectSessionProgress.Completed), (connection.ConnectedAt, connection.SessionProgress));
        // Finch has not reported a status yet: it is still pending since it was staged.
        Assert.Equal((ConnectionStatus.Pending, StagedAt), (connection.Status, connection.StatusChangedAt));
    }

    [Fact]
    public void A_live_connection_has_a_Finch_connection_id_and_Connect_completes_a_row_once()
    {
        Assert.Throws<ArgumentException>(() => Staged().CompleteConnectSession("", "company_1", "gusto", ["company"], ConnectedAt));
        Assert.Throws<InvalidOperationException>(() => Completed().CompleteConnectSession("conn_2", "company_1", "gusto", ["company"], ConnectedAt));
    }

    [Fact]
    public void A_providers_name_once_known_is_kept()
    {
        var connection = Staged();

        connection.NameProvider(null);
        connection.NameProvider("Gusto");
        connection.NameProvider("Gusto, Inc.");

        Assert.Equal("Gusto", connection.ProviderName);
    }

    [Fact]
    public void An_introspection_stores_what_Finch_reports_and_counts_the_active_entities()
    {
        var connection = Completed();

        var added = connection.ApplyIntrospection(
            Report(ConnectionStatus.Connected, Entity("e1"), Entity("e2"), Entity("e3", "disconnected")), "Acme Manufacturing, Inc.", [], ReadAt);

        Assert.Equal((ConnectionStatus.Connected, ReadAt, ReadAt, ReadAt), (connection.Status, connection.StatusChangedAt, connection.StatusReportedAt, connection.RefreshedAt));
        Assert.Equal(["company", "directory", "payment"], connection.Products);
        Assert.Equal(ReadAt.AddHours(-1), connection.LastSyncedAt);
        Assert.Equal("Acme Manufacturing, Inc.", connection.CompanyName);
        Assert.Equal(["e1", "e2", "e3"], added.Select(e => e.FinchEntityId));
        Assert.All(added, e => Assert.Equal((connection.Id, connection.EmployerId), (e.ConnectionId, e.EmployerId)));
        Assert.Equal(2, connection.ActiveEntityCount);
        Assert.True(connection.IsMultiEntity);
    }

    [Fact]
    public void An_introspection_updates_stored_entities_and_recounts_them()
    {
        var connection = Completed();
        var entities = connection.ApplyIntrospection(Report(ConnectionStatus.Connected, Entity("e1"), Entity("e2")), null, [], ReadAt).ToList();

        var added = connection.ApplyIntrospection(
            Report(ConnectionStatus.Connected, Entity("e1", "disconnected"), new IntrospectedEntity("e2", null, null, "reauth")), null, entities, ReadAt.AddHours(1));

        Assert.Empty(added);
        Assert.Equal(["disconnected", "reauth"], entities.Select(e => e.Status));
        // A name or source id Finch leaves out is kept.
        Assert.Equal(("Acme e2", "source-e2"), (entities[1].Name, entities[1].SourceId));
        Assert.Equal(1, connection.ActiveEntityCount);
    }

    [Fact]
    public void An_introspection_keeps_the_status_and_its_time_when_Finch_reports_it_again_or_reports_one_the_dashboard_does_not_know()
    {
        var connection = Completed();
        connection.ApplyIntrospection(Report(ConnectionStatus.Reauth), null, [], ReadAt);

        connection.ApplyIntrospection(Report(ConnectionStatus.Reauth), null, [], ReadAt.AddHours(1));
        connection.ApplyIntrospection(Report(null), null, [], ReadAt.AddHours(2));

        Assert.Equal((ConnectionStatus.Reauth, ReadAt), (connection.Status, connection.StatusChangedAt));
        Assert.Equal((ReadAt.AddHours(2), ReadAt.AddHours(2)), (connection.StatusReportedAt, connection.RefreshedAt));
    }

    [Fact]
    public void Only_a_live_connection_is_read_from_Finch_and_only_with_its_own_entities()
    {
        var other = Completed();
        var foreign = other.ApplyIntrospection(Report(ConnectionStatus.Connected, Entity("e1")), null, [], ReadAt);
        var disconnected = Completed();
        disconnected.Disconnect("Ada Admin", "The employer changed payroll provider", ReadAt.AddHours(1), []);

        Assert.Throws<InvalidOperationException>(() => Staged().ApplyIntrospection(Report(ConnectionStatus.Connected), null, [], ReadAt));
        // Finch never reactivates a disconnected connection: what a late reader reports must not make it look live.
        Assert.Throws<InvalidOperationException>(() => disconnected.ApplyIntrospection(Report(ConnectionStatus.Connected), null, [], ReadAt.AddHours(2)));
        Assert.Equal((ConnectionState.Disconnected, ConnectionStatus.Disconnected), (disconnected.State, disconnected.Status));
        Assert.Throws<ArgumentException>(() => Completed().ApplyIntrospection(Report(ConnectionStatus.Connected), null, foreign, ReadAt));
        Assert.Throws<ArgumentException>(() => Completed().ApplyIntrospection(Report(ConnectionStatus.Connected) with { FinchConnectionId = "" }, null, [], ReadAt));
    }

    [Fact]
    public void Needing_reauthentication_changes_the_status_once_and_keeps_Finchs_latest_message()
    {
        var connection = Completed();

        connection.MarkNeedsReauth("Please reauthenticate", ReadAt);
        connection.MarkNeedsReauth("Still waiting", ReadAt.AddHours(1));

        Assert.Equal((ConnectionStatus.Reauth, ReadAt), (connection.Status, connection.StatusChangedAt));
        Assert.Equal(("Still waiting", ReadAt.AddHours(1)), (connection.StatusMessage, connection.RefreshedAt));
        Assert.Throws<InvalidOperationException>(() => Staged().MarkNeedsReauth("Please reauthenticate", ReadAt));
    }

    [Fact]
    public void A_live_connection_can_be_attached_to_another_connection_in_Finch()
    {
        var connection = Completed();

        connection.AttachFinchConnection("conn_2", "company_2");

        Assert.Equal(("conn_2", "company_2"), (connection.FinchConnectionId, connection.CompanyId));
        Assert.Throws<ArgumentException>(() => connection.AttachFinchConnection(" ", "company_2"));
        Assert.Throws<InvalidOperationException>(() => Staged().AttachFinchConnection("conn_2", "company_2"));
    }

    [Fact]
    public void A_status_report_changes_the_status_and_clears_the_message_that_explained_the_old_one()
    {
        var connection = Completed();
        connection.ApplyIntrospection(Report(ConnectionStatus.Reauth), null, [], ReadAt);
        var sentAt = ReadAt.AddMinutes(5);

        connection.ApplyStatusReport(ConnectionStatus.Connected, sentAt, sentAt.AddSeconds(1));

        Assert.Equal((ConnectionStatus.Connected, sentAt, sentAt), (connection.Status, connection.StatusChangedAt, connection.StatusReportedAt));
        Assert.Null(connection.StatusMessage);
        Assert.Equal(ConnectionState.Live, connection.State);
    }

    [Fact]
    public void A_status_report_of_the_status_held_only_moves_the_report_time()
    {
        var connection = Completed();
        connection.ApplyIntrospection(Report(ConnectionStatus.Reauth), null, [], ReadAt);
        var sentAt = ReadAt.AddMinutes(5);

        connection.ApplyStatusReport(ConnectionStatus.Reauth, sentAt, sentAt);

        Assert.Equal((ReadAt, sentAt), (connection.StatusChangedAt, connection.StatusReportedAt));
        Assert.Equal("The employer changed their password", connection.StatusMessage);
    }

    [Fact]
    public void A_status_report_older_than_the_one_held_is_not_applied()
    {
        var connection = Completed();
        connection.ApplyIntrospection(Report(ConnectionStatus.Connected), null, [], ReadAt);
        var sentAt = ReadAt.AddMinutes(5);
        connection.ApplyStatusReport(ConnectionStatus.Reauth, sentAt, sentAt);

        Assert.Throws<InvalidOperationException>(() => connection.ApplyStatusReport(ConnectionStatus.ErrorPermissions, sentAt.AddSeconds(-30), sentAt.AddSeconds(1)));
        Assert.Equal((ConnectionStatus.Reauth, sentAt), (connection.Status, connection.StatusReportedAt));
    }

    [Fact]
    public void A_status_report_received_before_the_last_read_from_Finch_is_not_applied()
    {
        var connection = Completed();
        connection.ApplyIntrospection(Report(ConnectionStatus.Connected), null, [], ReadAt);

        Assert.Throws<InvalidOperationException>(() => connection.ApplyStatusReport(ConnectionStatus.Reauth, ReadAt.AddMinutes(1), ReadAt.AddMinutes(-1)));
        Assert.Equal(ConnectionStatus.Connected, connection.Status);
    }

    [Fact]
    public void A_staged_row_takes_no_status_reports()
    {
        Assert.Throws<InvalidOperationException>(() => Staged().ApplyStatusReport(ConnectionStatus.Connected, ReadAt, ReadAt));
    }

    [Fact]
    public void The_last_sync_never_moves_back()
    {
        var connection = Completed();

        connection.RecordSync(ReadAt);
        connection.RecordSync(ReadAt.AddHours(-1));

        Assert.Equal(ReadAt, connection.LastSyncedAt);
        connection.RecordSync(ReadAt.AddHours(1));
        Assert.Equal(ReadAt.AddHours(1), connection.LastSyncedAt);
    }

    [Fact]
    public void Health_checks_count_failures_in_a_row_until_one_succeeds()
    {
        var connection = Completed();

        connection.RecordHealthCheckFailed(HealthCheckFailureKind.TimedOut, "Finch did not answer", ReadAt);
        connection.RecordHealthCheckFailed(HealthCheckFailureKind.FinchError, "500 server_error", ReadAt.AddHours(1));

        Assert.Equal((2, HealthCheckFailureKind.FinchError, "500 server_error", ReadAt.AddHours(1)),
            (connection.HealthFailureCount, connection.LastHealthFailureKind, connection.LastHealthFailureMessage, connection.HealthCheckedAt));

        connection.RecordHealthCheckSucceeded(ReadAt.AddHours(2));

        Assert.Equal((0, ReadAt.AddHours(2)), (connection.HealthFailureCount, connection.HealthCheckedAt));
        Assert.Null(connection.LastHealthFailureKind);
        Assert.Null(connection.LastHealthFailureMessage);
    }

    [Fact]
    public void Support_records_who_contacted_the_employer_and_when_to_follow_up()
    {
        var connection = Completed();
        var followUp = new DateOnly(2026, 11, 25);

        connection.RecordContact("Sam Support", followUp, ReadAt);

        Assert.Equal((ReadAt, "Sam Support", followUp), (connection.ContactedAt, connection.ContactedBy, connection.FollowUpOn));
        Assert.Throws<ArgumentException>(() => connection.RecordContact("", null, ReadAt));
    }
}
