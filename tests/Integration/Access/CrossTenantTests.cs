using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

/// <summary>
/// Every service operation that takes an id, tried by a user of employer A with employer B's ids: each answers as for
/// an id that does not exist, changes nothing of B's, and leaves an out-of-scope record in the audit log.
/// </summary>
public sealed class CrossTenantTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private Employer _a = default!;
    private Employer _b = default!;
    private Connection _liveA = default!;
    private Connection _liveB = default!;
    private Connection _stagedB = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await app.AddTwoEmployersAsync();
        _liveA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c.Company("Alpha Live"));
        _liveB = await app.AddConnectionAsync(_b, ConnectionState.Live, c => c.Company("Bravo Live"));
        _stagedB = await app.AddConnectionAsync(_b, ConnectionState.Staged, c => c.Session($"sess_{Guid.NewGuid():N}", ConnectSessionProgress.Expired));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Operations() =>
    [
        "read employer", "read connection", "connect link for employer", "reauth link", "recreate link", "read notes", "add note", "record contact",
        "disconnect entities", "disconnect connection", "disconnect another employer's entity", "refresh",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_account_manager_of_A_using_Bs_ids_gets_not_found_and_is_audited(string operation)
    {
        var manager = await app.AddUserAsync(Role.AccountManager, _a);
        await using var scope = await app.SignedInScopeAsync(manager);
        var services = scope.ServiceProvider;

        var (notFound, target) = operation switch
        {
            "read employer" => (await services.GetRequiredService<EmployerDirectory>().FindAsync(_b.Id) is null, _b.Id),
            "read connection" => (await services.GetRequiredService<ConnectionDirectory>().FindAsync(_liveB.Id) is null, _liveB.Id),
            "connect link for employer" => (await services.GetRequiredService<ConnectLinks>()
                .CreateAsync(new NewConnectLinkRequest(_b.Id, ["company"], DashboardFactory.ConnectCallbackUri)) is ConnectLinkResult.Invalid, _b.Id),
            "reauth link" => (await services.GetRequiredService<ConnectLinks>()
                .CreateReauthenticationAsync(_liveB.Id, DashboardFactory.ConnectCallbackUri) is ConnectLinkResult.Invalid, _liveB.Id),
            "recreate link" => (await services.GetRequiredService<ConnectLinks>().RecreateAsync(_stagedB.Id) is ConnectLinkResult.Invalid, _stagedB.Id),
            "read notes" => (await services.GetRequiredService<SupportNotes>().FindAsync(_liveB.Id) is null, _liveB.Id),
            "add note" => (await services.GetRequiredService<SupportNotes>().AddNoteAsync(_liveB.Id, "peek") is SupportNoteResult.Invalid, _liveB.Id),
            "record contact" => (await services.GetRequiredService<SupportNotes>().RecordContactAsync(_liveB.Id, null) is SupportNoteResult.Invalid, _liveB.Id),
            "refresh" => (!(await services.GetRequiredService<ConnectionRefresher>().RefreshAsync(_liveB.Id)).Succeeded, _liveB.Id),
            "disconnect entities" => (!(await services.GetRequiredService<ConnectionDisconnector>()
                .DisconnectEntitiesAsync(_liveB.Id, [await EntityOfAsync(_liveB)])).Succeeded, _liveB.Id),
            "disconnect connection" => (!(await services.GetRequiredService<ConnectionDisconnector>()
                .DisconnectAsync(new ConnectionDisconnectRequest(_liveB.Id, "peeking", "Bravo Live"))).Succeeded, _liveB.Id),
            "disconnect another employer's entity" => (!(await services.GetRequiredService<ConnectionDisconnector>()
                .DisconnectEntitiesAsync(_liveA.Id, [await EntityOfAsync(_liveB)])).Succeeded, await EntityOfAsync(_liveB)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        Assert.True(notFound, $"{operation} answered as if B's id were visible");
        await using var db = await services.GetRequiredService<SystemData>().OpenAsync();
        var record = Assert.Single(await db.AuditLog.Where(r => r.ActorUserId == manager.Id).ToListAsync());
        Assert.Equal((AuditAction.OutOfScopeAccess, AuditOutcome.Denied, _b.Id, target.ToString()),
            (record.Action, record.Outcome, record.EmployerId!.Value, record.TargetId));
        var liveB = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == _liveB.Id);
        Assert.Null(liveB.ContactedAt);
        Assert.Empty(await db.ConnectionNotes.Where(n => n.ConnectionId == _liveB.Id).ToListAsync());
        Assert.Empty(await db.ConnectSessions.Where(s => s.EmployerId == _b.Id).ToListAsync());
        Assert.Equal(ConnectionState.Live, liveB.State);
        Assert.All(await db.ConnectionEntities.Where(e => e.ConnectionId == _liveB.Id).ToListAsync(), e => Assert.Null(e.DisconnectedAt));
    }

    private async Task<Guid> EntityOfAsync(Connection connection)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        return await db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id && e.Status == "connected").Select(e => e.Id).FirstAsync();
    }

    [Fact]
    public async Task A_missing_id_is_not_found_without_an_audit_record()
    {
        var manager = await app.AddUserAsync(Role.AccountManager, _a);
        await using var scope = await app.SignedInScopeAsync(manager);

        Assert.Null(await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(Guid.NewGuid()));

        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        Assert.Empty(await db.AuditLog.Where(r => r.ActorUserId == manager.Id).ToListAsync());
    }
}
