using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Connections;

/// <summary>
/// Disconnecting entities and whole connections: the dashboard on PostgreSQL calling the running emulator's
/// /disconnect-entity and /disconnect with a real multi-entity connection's token.
/// </summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class ConnectionDisconnectorTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private const string CompanyName = "Disconnect Holdings";
    private DashboardFactory _app = default!;
    private Employer _employer = default!;
    private Connection _connection = default!;
    private FinchTokenResponse _token = default!;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard(new Dictionary<string, string>
        {
            ["Finch:AttemptTimeout"] = "00:00:01",
            ["Finch:TotalTimeout"] = "00:00:05",
        });
        await _app.InitializeAsync();

        // A multi-entity provider; the Connect page hands over every entity it offers.
        _token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId(), provider: "adp_run");
        Assert.True(_token.EntityIds is { Count: > 1 }, "the emulator should offer several entities for adp_run");
        _employer = await _app.AddEmployerAsync("Disconnect Co");
        _connection = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c.FinchConnectionId(_token.ConnectionId));

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var connection = await db.Connections.SingleAsync(c => c.Id == _connection.Id);
        var introspection = await finch.Connection.IntrospectAsync(_token.AccessToken);
        Assert.True(introspection.IsSuccess, introspection.Failure?.Describe());
        // Finch's entities and methods replace the sample ones, and the company gets a fixed name to type, whatever the
        // emulator calls it.
        db.ConnectionEntities.RemoveRange(await db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync());
        var methods = await db.ConnectionAuthenticationMethods.Where(m => m.ConnectionId == connection.Id).ToListAsync();
        var changes = IntrospectionApplier.Apply(connection, [], methods, introspection.Value, CompanyName, DateTimeOffset.UtcNow);
        db.ConnectionEntities.AddRange(changes.AddedEntities);
        db.ConnectionAuthenticationMethods.RemoveRange(changes.RemovedMethods);
        db.ConnectionAuthenticationMethods.AddRange(changes.AddedMethods);
        await _app.Services.GetRequiredService<ConnectionTokens>().StoreAsync(db, _connection.Id, _employer.Id, _token.AccessToken);
        await db.SaveChangesAsync();
        Assert.Equal(_token.EntityIds.Count, connection.ActiveEntityCount);
    }

    public async Task DisposeAsync()
    {
        await finch.ResetFaultsAsync();
        await _app.DisposeAsync();
    }

    private async Task<(AsyncServiceScope Scope, ConnectionDisconnector Disconnector)> AsAsync(Role role, params Employer[] grants)
    {
        var scope = await _app.SignedInScopeAsync(role, grants);
        return (scope, scope.ServiceProvider.GetRequiredService<ConnectionDisconnector>());
    }

    private async Task<IReadOnlyList<ConnectionEntity>> EntitiesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.ConnectionEntities.AsNoTracking().Where(e => e.ConnectionId == _connection.Id).OrderBy(e => e.FinchEntityId).ToListAsync();
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync()
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.AuditLog.AsNoTracking().Where(r => r.TargetId == _connection.Id.ToString()).OrderBy(r => r.OccurredAt).ToListAsync();
    }

    /// <summary>Everything a disconnect may change, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var c = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == _connection.Id);
        var entities = await db.ConnectionEntities.AsNoTracking().Where(e => e.ConnectionId == c.Id).OrderBy(e => e.FinchEntityId)
            .Select(e => $"{e.FinchEntityId}:{e.Status}:{e.DisconnectedAt}:{e.DisconnectedBy}").ToListAsync();
        var events = await db.ConnectionEvents.CountAsync(e => e.ConnectionId == c.Id);
        var hasToken = await db.AccessTokens.AnyAsync(t => t.ConnectionId == c.Id);
        return $"{c.State} {c.Status} {c.ActiveEntityCount} {c.DisconnectedAt} {c.DisconnectedBy} {c.DisconnectReason} token={hasToken} events={events} | {string.Join(" ", entities)}";
    }

    private async Task<ConnectionEntity> FirstActiveEntityAsync() => (await EntitiesAsync()).First(e => e.IsActive);

    private ConnectionDisconnectRequest FullDisconnect(string reason = "Employer offboarded") => new(_connection.Id, reason, CompanyName);

    [Fact]
    public async Task Disconnecting_an_entity_keeps_the_others_and_the_token()
    {
        var (scope, disconnector) = await AsAsync(Role.AccountManager, _employer);
        await using var _ = scope;
        var chosen = await FirstActiveEntityAsync();

        var outcome = await disconnector.DisconnectEntitiesAsync(_connection.Id, [chosen.Id]);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.NotNull(outcome.FinchRequestId);
        var entities = await EntitiesAsync();
        var gone = entities.Single(e => e.Id == chosen.Id);
        Assert.Equal("disconnected", gone.Status);
        Assert.NotNull(gone.DisconnectedAt);
        Assert.Equal("Test AccountManager", gone.DisconnectedBy);
        Assert.All(entities.Where(e => e.Id != chosen.Id), e => Assert.True(e.IsActive));

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var connection = await db.Connections.SingleAsync(c => c.Id == _connection.Id);
        Assert.Equal(ConnectionState.Live, connection.State);
        Assert.Equal(_token.EntityIds!.Count - 1, connection.ActiveEntityCount);
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == _connection.Id).ToListAsync(),
            e => e.Summary.StartsWith($"Disconnected {chosen.Name} through Finch", StringComparison.Ordinal) && e.Actor == "Test AccountManager");
        var record = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.EntitiesDisconnected, AuditOutcome.Succeeded, outcome.FinchRequestId), (record.Action, record.Outcome, record.FinchRequestId));
        Assert.Contains(chosen.FinchEntityId, record.Detail);
        Assert.NotNull(await _app.Services.GetRequiredService<ConnectionTokens>().FindAsync(db, _connection.Id));

        // Finch's own history agrees: the entity is disconnected, the others and the token still work.
        var introspection = await finch.Connection.IntrospectAsync(_token.AccessToken);
        Assert.True(introspection.IsSuccess, introspection.Failure?.Describe());
        Assert.Equal("disconnected", introspection.Value.Entities!.Single(e => e.Id == chosen.FinchEntityId).Status);
        Assert.All(introspection.Value.Entities!.Where(e => e.Id != chosen.FinchEntityId), e => Assert.Equal("connected", e.Status));
    }

    [Fact]
    public async Task Disconnecting_every_entity_says_that_Finch_stops_billing_the_connection()
    {
        var (scope, disconnector) = await AsAsync(Role.AccountManager, _employer);
        await using var _ = scope;
        var some = await FirstActiveEntityAsync();

        var first = await disconnector.DisconnectEntitiesAsync(_connection.Id, [some.Id]);
        var rest = await disconnector.DisconnectEntitiesAsync(_connection.Id, [.. (await EntitiesAsync()).Where(e => e.IsActive).Select(e => e.Id)]);

        Assert.True(first.Succeeded, first.Message);
        Assert.EndsWith("Finch keeps billing the connection for its other entities.", first.Message, StringComparison.Ordinal);
        Assert.True(rest.Succeeded, rest.Message);
        Assert.EndsWith("No entity is left, so Finch no longer bills this connection.", rest.Message, StringComparison.Ordinal);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == _connection.Id).ToListAsync(),
            e => e.Summary.EndsWith("no entity is left, so Finch no longer bills the connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnecting_the_connection_revokes_it_discards_the_token_and_keeps_the_history()
    {
        var (scope, disconnector) = await AsAsync(Role.EmployerAdmin, _employer);
        await using var _ = scope;

        var outcome = await disconnector.DisconnectAsync(FullDisconnect("Moving payroll in-house"));

        Assert.True(outcome.Succeeded, outcome.Message);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var connection = await db.Connections.SingleAsync(c => c.Id == _connection.Id);
        Assert.Equal(ConnectionState.Disconnected, connection.State);
        Assert.Equal(ConnectionStatus.Disconnected, connection.Status);
        Assert.NotNull(connection.DisconnectedAt);
        Assert.Equal("Test EmployerAdmin", connection.DisconnectedBy);
        Assert.Equal("Moving payroll in-house", connection.DisconnectReason);
        Assert.Equal(0, connection.ActiveEntityCount);
        Assert.False(await db.AccessTokens.AnyAsync(t => t.ConnectionId == _connection.Id));

        var entities = await EntitiesAsync();
        Assert.Equal(_token.EntityIds!.Count, entities.Count);
        Assert.All(entities, e => Assert.Equal("disconnected", e.Status));
        Assert.All(await db.ConnectionAuthenticationMethods.Where(m => m.ConnectionId == _connection.Id).ToListAsync(),
            m => Assert.Equal(ConnectionStatus.Disconnected, m.Status));
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == _connection.Id).ToListAsync(),
            e => e.Summary.Contains("Reason: Moving payroll in-house", StringComparison.Ordinal));
        var record = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.ConnectionDisconnected, AuditOutcome.Succeeded, "Moving payroll in-house"), (record.Action, record.Outcome, record.Reason));
        Assert.Equal(outcome.FinchRequestId, record.FinchRequestId);
        Assert.NotNull(record.FinchRequestId);

        // The history stays readable to the caller; Finch no longer accepts the token.
        var details = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(_connection.Id);
        Assert.NotNull(details);
        Assert.Equal(ConnectionState.Disconnected, details.Connection.State);
        Assert.Equal(_token.EntityIds.Count, details.Entities.Count);
        Assert.IsType<FinchFailure.Unauthorized>((await finch.Connection.IntrospectAsync(_token.AccessToken)).Failure);
    }

    [Theory]
    [InlineData("server_error")]
    [InlineData("rate_limit")]
    [InlineData("latency")]
    public async Task A_failed_entity_disconnect_changes_nothing_but_the_audit_log(string fault)
    {
        var (scope, disconnector) = await AsAsync(Role.Admin);
        await using var _ = scope;
        var chosen = await FirstActiveEntityAsync();
        var before = await SnapshotAsync();
        await AddFaultAsync(fault, "/disconnect-entity");

        var outcome = await disconnector.DisconnectEntitiesAsync(_connection.Id, [chosen.Id]);

        Assert.False(outcome.Succeeded);
        Assert.Contains(ExpectedWords(fault), outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync());
        var record = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.EntitiesDisconnected, AuditOutcome.Failed), (record.Action, record.Outcome));
    }

    [Theory]
    [InlineData("server_error")]
    [InlineData("rate_limit")]
    [InlineData("latency")]
    public async Task A_failed_connection_disconnect_changes_nothing_but_the_audit_log(string fault)
    {
        var (scope, disconnector) = await AsAsync(Role.Admin);
        await using var _ = scope;
        var before = await SnapshotAsync();
        await AddFaultAsync(fault, "/disconnect");

        var outcome = await disconnector.DisconnectAsync(FullDisconnect());

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.TokenRevoked);
        Assert.Contains(ExpectedWords(fault), outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await SnapshotAsync());
        var record = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.ConnectionDisconnected, AuditOutcome.Failed, "Employer offboarded"), (record.Action, record.Outcome, record.Reason));
    }

    [Fact]
    public async Task A_token_revoked_elsewhere_is_explained_and_recorded_as_disconnected_only_when_the_user_chooses()
    {
        Assert.True((await finch.Connection.DisconnectAsync(_token.AccessToken)).IsSuccess);
        var (scope, disconnector) = await AsAsync(Role.AccountManager, _employer);
        await using var _ = scope;
        var before = await SnapshotAsync();

        var refused = await disconnector.DisconnectAsync(FullDisconnect());

        Assert.False(refused.Succeeded);
        Assert.True(refused.TokenRevoked);
        Assert.Contains("no longer accepts", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());

        var recorded = await disconnector.DisconnectAsync(FullDisconnect() with { RecordIfTokenRevoked = true });

        Assert.True(recorded.Succeeded, recorded.Message);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var connection = await db.Connections.SingleAsync(c => c.Id == _connection.Id);
        Assert.Equal(ConnectionState.Disconnected, connection.State);
        Assert.False(await db.AccessTokens.AnyAsync(t => t.ConnectionId == _connection.Id));
        Assert.Contains(await db.ConnectionEvents.Where(e => e.ConnectionId == _connection.Id).ToListAsync(),
            e => e.Summary.StartsWith("Recorded as disconnected: Finch had already revoked", StringComparison.Ordinal));
        Assert.Equal([AuditOutcome.Failed, AuditOutcome.Succeeded], (await AuditAsync()).Select(r => r.Outcome));
    }

    [Fact]
    public async Task A_disconnect_Finch_made_but_the_database_could_not_save_is_said_plainly_and_can_be_recorded_after()
    {
        var (scope, disconnector) = await AsAsync(Role.AccountManager, _employer);
        await using var _ = scope;
        var before = await SnapshotAsync();
        await RefuseConnectionUpdatesAsync(refuse: true);

        var unsaved = await disconnector.DisconnectAsync(FullDisconnect());

        Assert.False(unsaved.Succeeded);
        Assert.StartsWith("Finch disconnected the connection and revoked its tokens, but the dashboard could not record it", unsaved.Message, StringComparison.Ordinal);
        Assert.NotNull(unsaved.FinchRequestId);
        Assert.Equal(before, await SnapshotAsync());
        Assert.IsType<FinchFailure.Unauthorized>((await finch.Connection.IntrospectAsync(_token.AccessToken)).Failure);

        // Once the database answers again, the revoked token leads to "record as disconnected".
        await RefuseConnectionUpdatesAsync(refuse: false);
        Assert.True((await disconnector.DisconnectAsync(FullDisconnect())).TokenRevoked);
        var recorded = await disconnector.DisconnectAsync(FullDisconnect() with { RecordIfTokenRevoked = true });
        Assert.True(recorded.Succeeded, recorded.Message);
        Assert.False(await HasTokenAsync());
    }

    [Fact]
    public async Task Entities_Finch_disconnected_but_the_database_could_not_save_are_said_plainly()
    {
        var (scope, disconnector) = await AsAsync(Role.AccountManager, _employer);
        await using var _ = scope;
        var chosen = await FirstActiveEntityAsync();
        var before = await SnapshotAsync();
        await RefuseConnectionUpdatesAsync(refuse: true);

        var unsaved = await disconnector.DisconnectEntitiesAsync(_connection.Id, [chosen.Id]);

        Assert.False(unsaved.Succeeded);
        Assert.StartsWith($"Finch disconnected {chosen.Name}, but the dashboard could not record it", unsaved.Message, StringComparison.Ordinal);
        Assert.Contains("Refresh from Finch", unsaved.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>A trigger that makes PostgreSQL refuse every update of a connection (each test has its own database), as a failing save would.</summary>
    private async Task RefuseConnectionUpdatesAsync(bool refuse)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        if (!refuse)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_connection_update ON connections");
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""
            CREATE OR REPLACE FUNCTION refuse_connection_update() RETURNS trigger LANGUAGE plpgsql
            AS $$ BEGIN RAISE EXCEPTION 'updates refused by the test'; END $$
            """);
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER refuse_connection_update BEFORE UPDATE ON connections FOR EACH ROW EXECUTE FUNCTION refuse_connection_update()");
    }

    private async Task<bool> HasTokenAsync()
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.AccessTokens.AnyAsync(t => t.ConnectionId == _connection.Id);
    }

    [Fact]
    public async Task Support_may_not_disconnect_and_the_refusal_is_audited()
    {
        var (scope, disconnector) = await AsAsync(Role.Support);
        await using var _ = scope;
        var before = await SnapshotAsync();

        var entities = await disconnector.DisconnectEntitiesAsync(_connection.Id, [(await FirstActiveEntityAsync()).Id]);
        var connection = await disconnector.DisconnectAsync(FullDisconnect());

        Assert.False(entities.Succeeded);
        Assert.False(connection.Succeeded);
        Assert.Contains("Your role cannot", connection.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(
            [(AuditAction.EntitiesDisconnected, AuditOutcome.Denied), (AuditAction.ConnectionDisconnected, AuditOutcome.Denied)],
            (await AuditAsync()).Select(r => (r.Action, r.Outcome)));
        Assert.True((await finch.Connection.IntrospectAsync(_token.AccessToken)).IsSuccess);
    }

    [Fact]
    public async Task Another_employers_admin_gets_not_found()
    {
        var other = await _app.AddEmployerAsync("Someone Else");
        var (scope, disconnector) = await AsAsync(Role.EmployerAdmin, other);
        await using var _ = scope;
        var before = await SnapshotAsync();

        var entities = await disconnector.DisconnectEntitiesAsync(_connection.Id, [(await FirstActiveEntityAsync()).Id]);
        var connection = await disconnector.DisconnectAsync(FullDisconnect());

        Assert.Contains("no such connection", entities.Message, StringComparison.Ordinal);
        Assert.Contains("no such connection", connection.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.All(await AuditAsync(), r => Assert.Equal((AuditAction.OutOfScopeAccess, AuditOutcome.Denied), (r.Action, r.Outcome)));
        Assert.True((await finch.Connection.IntrospectAsync(_token.AccessToken)).IsSuccess);
    }

    [Fact]
    public async Task Without_a_reason_the_exact_company_name_or_its_own_entities_Finch_is_not_called()
    {
        var (scope, disconnector) = await AsAsync(Role.Admin);
        await using var _ = scope;
        var before = await SnapshotAsync();

        var noReason = await disconnector.DisconnectAsync(FullDisconnect(reason: "  "));
        var wrongName = await disconnector.DisconnectAsync(new ConnectionDisconnectRequest(_connection.Id, "Offboarded", CompanyName.ToLowerInvariant()));
        var notItsEntity = await disconnector.DisconnectEntitiesAsync(_connection.Id, [Guid.NewGuid()]);

        Assert.Contains("Say why", noReason.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{CompanyName}\"", wrongName.Message, StringComparison.Ordinal);
        Assert.Contains("active entities", notItsEntity.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.True((await finch.Connection.IntrospectAsync(_token.AccessToken)).IsSuccess);
    }

    private async Task AddFaultAsync(string fault, string path)
    {
        // Longer than the attempt timeout; or more failures than the retries, with a Retry-After too long to wait out.
        await finch.AddFaultAsync(fault, count: 10, path, retryAfterSeconds: 60, latencyMs: 3_000);
    }

    private static string ExpectedWords(string fault) => fault == "rate_limit" ? "rate limiting" : "nothing was changed";
}
