using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Dashboard.Jobs;
using FinchDashboard.Dashboard.Operations;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Dashboard.Waste;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

/// <summary>
/// Every role against every service operation that a permission guards, on PostgreSQL: each is allowed exactly when
/// the role → permission table grants it. "Allowed" means the service went past its permission check (with Finch
/// unreachable, allowed Finch calls end in a Finch failure instead of a refusal). The list's and the connection page's
/// Finch-id hiding (<see cref="Permission.ViewFinchIds"/>) is a page concern, covered in the browser tests.
/// </summary>
public sealed class PermissionMatrixTests : IClassFixture<PermissionMatrixTests.UnreachableFinch>, IAsyncLifetime
{
    private readonly DashboardFactory _app;
    private Employer _employer = default!;
    private Connection _connection = default!;
    private BankAccount _bankAccount = default!;

    public PermissionMatrixTests(UnreachableFinch fixture) => _app = fixture.App;

    /// <summary>The dashboard with Finch refusing connections at once and no retries, so allowed calls fail fast.</summary>
    public sealed class UnreachableFinch : IAsyncLifetime
    {
        public DashboardFactory App { get; } = new(new Dictionary<string, string>
        {
            ["Finch:BaseUrl"] = "https://127.0.0.1:9",
            ["Finch:MaxRetryAttempts"] = "0",
        });

        public Task InitializeAsync() => App.InitializeAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public async Task InitializeAsync()
    {
        _employer = await _app.AddEmployerAsync($"Matrix {Guid.NewGuid():N}"[..16]);
        _connection = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c.Company("Matrix Co"));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        _bankAccount = BankAccount.Link(Guid.CreateVersion7(), _employer.Id, new StripeAccountSnapshot(
            $"fca_matrix_{Guid.NewGuid():N}", "cus_matrix", "Matrix Bank", null, "1234", "cash", "checking", BankAccountStatus.Active,
            ["payment_method"], null, null, null, false, DateTimeOffset.UtcNow), "Matrix", DateTimeOffset.UtcNow);
        db.BankAccounts.Add(_bankAccount);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly ConnectionListQuery LiveTab =
        new(ConnectionState.Live, null, ConnectionFilters.None, ConnectionSortColumn.Company, false, new PageRequest(0, 10));

    private static readonly Dictionary<Permission, Func<PermissionMatrixTests, IServiceProvider, Task<bool>>> Operations = new()
    {
        [Permission.ViewConnections] = async (_, s) =>
            (await s.GetRequiredService<ConnectionDirectory>().ListAsync(LiveTab)).TotalCount > 0,
        [Permission.RefreshConnection] = async (t, s) =>
            (await s.GetRequiredService<ConnectionRefresher>().RefreshAsync(t._connection.Id)).Message != "Your role cannot refresh connections from Finch.",
        [Permission.SyncConnection] = async (t, s) =>
            (await s.GetRequiredService<ConnectionJobs>().SyncNowAsync(t._connection.Id)).Message != "Your role cannot ask Finch to sync a connection; ask support or the employer's account manager.",
        [Permission.ExportConnections] = async (_, s) => await Throws(async () =>
        {
            await foreach (var _ in s.GetRequiredService<ConnectionDirectory>().ExportAsync(LiveTab))
            {
            }
        }) is false,
        [Permission.CreateEmployer] = async (_, s) =>
            await s.GetRequiredService<EmployerDirectory>().CreateAsync($"matrix-{Guid.NewGuid():N}", "Matrix New", null) is NewEmployerResult.Created,
        [Permission.CreateConnectLink] = async (t, s) =>
            await s.GetRequiredService<ConnectLinks>().CreateAsync(new NewConnectLinkRequest(t._employer.Id, ["company"], DashboardFactory.ConnectCallbackUri)) is ConnectLinkResult.Failed,
        [Permission.ConnectAnotherSystem] = async (t, s) =>
            await s.GetRequiredService<ConnectLinks>().StartAnotherSystemAsync(t._employer.Id) is ConnectLinkResult.Failed,
        [Permission.StartReauth] = async (t, s) =>
            await s.GetRequiredService<ConnectLinks>().CreateReauthenticationAsync(t._connection.Id, DashboardFactory.ConnectCallbackUri) is ConnectLinkResult.Failed,
        [Permission.DisconnectEntities] = async (t, s) => !IsRefusal(await s.GetRequiredService<ConnectionDisconnector>()
            .DisconnectEntitiesAsync(t._connection.Id, [await t.ActiveEntityAsync()])),
        [Permission.DisconnectConnection] = async (t, s) => !IsRefusal(await s.GetRequiredService<ConnectionDisconnector>()
            .DisconnectAsync(new ConnectionDisconnectRequest(t._connection.Id, "matrix", "Matrix Co"))),
        [Permission.ManageSupportNotes] = async (t, s) => await Throws(() => s.GetRequiredService<SupportNotes>().AddNoteAsync(t._connection.Id, "matrix")) is false,
        [Permission.WorkTriageQueue] = async (_, s) =>
            await Throws(() => s.GetRequiredService<TriageQueue>().ListAsync(new TriageQuery(null, null, new PageRequest(0, 10)))) is false,
        [Permission.ReviewBillableWaste] = async (_, s) =>
            await Throws(() => s.GetRequiredService<BillableWaste>().ListAsync(new PageRequest(0, 10))) is false,
        // The connection page's introspect details (the username above all) are left out by the service, not only the page.
        [Permission.ViewProviderAccount] = async (t, s) => (await s.GetRequiredService<ConnectionDirectory>().FindAsync(t._connection.Id))!.Account is not null,
        [Permission.ViewHealthChecks] = async (_, s) => await s.GetRequiredService<HealthCheckReport>().LoadAsync() is HealthCheckReportResult.Ready,
        [Permission.ManageUsers] = async (_, s) =>
            await Throws(() => s.GetRequiredService<UserAdministration>().ListAsync(new UserListQuery(null, null, null, new PageRequest(0, 10)))) is false,
        [Permission.ViewAuditLog] = async (_, s) =>
            await Throws(() => s.GetRequiredService<AuditLogReader>().ListAsync(new AuditLogQuery(null, null, null, null, null, new PageRequest(0, 10)))) is false,
        [Permission.ViewSystem] = async (_, s) => await s.GetRequiredService<SystemStatus>().GetAsync() is not null
            && await s.GetRequiredService<SystemStatus>().ReadAsync(DashboardMetrics.WebhookDeliveries, null, MinuteFigure.Sum) is not null,
        [Permission.ViewBankAccounts] = async (_, s) => await Throws(() =>
            s.GetRequiredService<BankAccountDirectory>().ListAsync(new BankAccountListQuery(null, null, BankAccountSortColumn.Linked, true, new PageRequest(0, 10)))) is false,
        // Stripe is unreachable here, so an allowed link or disconnect ends in Stripe's failure rather than a refusal.
        [Permission.LinkBankAccount] = async (t, s) =>
            !(await s.GetRequiredService<BankAccountLinks>().StartAsync(t._employer.Id, "https://dashboard.example/bank-accounts/linked")).Message.StartsWith("Your role cannot", StringComparison.Ordinal),
        [Permission.DisconnectBankAccount] = async (t, s) =>
            !(await s.GetRequiredService<BankAccountDisconnector>().DisconnectAsync(t._bankAccount.Id, "matrix")).Message.StartsWith("Your role cannot", StringComparison.Ordinal),
        // The account is active, so an allowed caller is told there is nothing to link again.
        [Permission.SendBankAccountRelink] = async (t, s) =>
            !(await s.GetRequiredService<BankAccountLinks>().StartRelinkAsync(t._bankAccount.Id, "https://dashboard.example/bank-accounts/linked")).Message.StartsWith("Your role cannot", StringComparison.Ordinal),
    };

    /// <summary>The changes among the operations: a refusal of one is written to the audit log as Denied.</summary>
    private static readonly Dictionary<Permission, AuditAction> AuditedChanges = new()
    {
        [Permission.CreateEmployer] = AuditAction.EmployerCreated,
        [Permission.CreateConnectLink] = AuditAction.ConnectLinkCreated,
        [Permission.ConnectAnotherSystem] = AuditAction.ConnectLinkCreated,
        [Permission.StartReauth] = AuditAction.ReauthStarted,
        [Permission.SyncConnection] = AuditAction.SyncRequested,
        [Permission.DisconnectEntities] = AuditAction.EntitiesDisconnected,
        [Permission.DisconnectConnection] = AuditAction.ConnectionDisconnected,
        [Permission.ManageSupportNotes] = AuditAction.SupportNoteAdded,
        [Permission.LinkBankAccount] = AuditAction.BankAccountLinkStarted,
        [Permission.DisconnectBankAccount] = AuditAction.BankAccountDisconnected,
        [Permission.SendBankAccountRelink] = AuditAction.BankAccountLinkStarted,
    };

    public static TheoryData<Role, Permission> Cells()
    {
        var cells = new TheoryData<Role, Permission>();
        foreach (var role in Roles.All)
        {
            foreach (var permission in Operations.Keys)
            {
                cells.Add(role, permission);
            }
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_may_do_exactly_what_the_permission_table_grants(Role role, Permission permission)
    {
        var user = await _app.AddUserAsync(role, role is Role.AccountManager or Role.EmployerAdmin ? [_employer] : []);
        await using var scope = await _app.SignedInScopeAsync(user);

        var allowed = await Operations[permission](this, scope.ServiceProvider);

        Assert.Equal(role.Grants(permission), allowed);
        if (AuditedChanges.TryGetValue(permission, out var action))
        {
            await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
            var denials = await db.AuditLog.CountAsync(r => r.ActorUserId == user.Id && r.Action == action && r.Outcome == AuditOutcome.Denied);
            Assert.Equal(allowed ? 0 : 1, denials);
        }
    }

    [Fact]
    public void Every_permission_a_service_enforces_is_in_the_matrix() =>
        Assert.Equal(Permissions.All.Where(p => p is not Permission.ViewFinchIds and not Permission.ViewWebhooks).Order(), Operations.Keys.Order());

    private static bool IsRefusal(DisconnectOutcome outcome) => outcome.Message.StartsWith("Your role cannot", StringComparison.Ordinal);

    private async Task<Guid> ActiveEntityAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        return db.ConnectionEntities.Where(e => e.ConnectionId == _connection.Id && e.Status == "connected").Select(e => e.Id).First();
    }

    private static async Task<bool> Throws(Func<Task> operation)
    {
        try
        {
            await operation();
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
