using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Dashboard.Waste;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Finch;
using FinchDashboard.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Waste;

/// <summary>
/// The billable waste rules on PostgreSQL: each reason, the first that holds, the billed count per employer, the CSV,
/// and who may see it, within the caller's employers.
/// </summary>
public sealed class BillableWasteTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private Employer _a = default!;
    private Employer _b = default!;
    private Connection _olderGusto = default!;
    private Connection _newerGusto = default!;
    private Connection _sameCompanyOlder = default!;
    private Connection _test = default!;
    private Connection _finchGeneratedData = default!;
    private Connection _sandboxEnvironment = default!;
    private Connection _disconnectedHereOnly = default!;
    private Connection _disconnectedByFinch = default!;
    private Connection _emptied = default!;
    private Connection _stalled = default!;
    private Connection _neverSyncedLongAgo = default!;
    private Connection _healthy = default!;
    private Connection _olderB = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await app.AddTwoEmployersAsync("Waste Alpha", "Waste Bravo");
        _olderGusto = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Payroll Old").Provider("gusto", "Gusto").ConnectedAt(Now.AddDays(-300)).LastSynced(Now.AddHours(-3)));
        _newerGusto = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Payroll").Provider("gusto", "Gusto").ConnectedAt(Now.AddDays(-10)).LastSynced(Now.AddHours(-3)));
        var companyId = Guid.NewGuid().ToString();
        _sameCompanyOlder = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha HR").CompanyId(companyId).Provider("bamboo_hr", "BambooHR").ConnectedAt(Now.AddDays(-200)).LastSynced(Now.AddHours(-2)));
        await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha HR").CompanyId(companyId).Provider("rippling", "Rippling").ConnectedAt(Now.AddDays(-5)).LastSynced(Now.AddHours(-2)));
        _test = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Test Payroll").Provider("justworks", "Justworks").LastSynced(Now.AddHours(-4)));
        _finchGeneratedData = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Benefits").Provider("namely", "Namely").LastSynced(Now.AddHours(-4))
            .Account(new IntrospectedAccount(IntrospectedAccount.FinchGeneratedData, false, null)).Environment(FinchEnvironment.Production));
        // In Finch's Sandbox environment every connection's data is made up: that alone is no waste.
        _sandboxEnvironment = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Learning").Provider("paycom", "Paycom").LastSynced(Now.AddHours(-4))
            .Account(new IntrospectedAccount(IntrospectedAccount.FinchGeneratedData, false, null)).Environment(FinchEnvironment.Sandbox));
        _disconnectedHereOnly = await AddAsync(_a, ConnectionState.Live, c => c.Company("Alpha Ended Here").Provider("paylocity", "Paylocity"),
            (connection, entities) => connection.Disconnect("Ada Admin", "Moved payroll in-house", Now.AddDays(-1), entities));
        _disconnectedByFinch = await app.AddConnectionAsync(_a, ConnectionState.Disconnected, c => c.Company("Alpha Ended By Finch"));
        await AddFailedDisconnectAsync(_a, _disconnectedHereOnly);
        await AddFailedDisconnectAsync(_a, _disconnectedByFinch);
        _emptied = await AddAsync(_a, ConnectionState.Live, c => c.Company("Alpha Emptied").Provider("trinet", "TriNet").LastSynced(Now.AddDays(-90)),
            (connection, entities) => connection.DisconnectEntities([.. entities.Where(e => e.IsActive)], entities, "Ada Admin", Now.AddDays(-60)));
        _stalled = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Stalled").Provider("adp_run", "ADP Run").Status(ConnectionStatus.Reauth).LastSynced(Now.AddDays(-40)));
        _neverSyncedLongAgo = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Never").Provider("paychex_flex", "Paychex Flex").ConnectedAt(Now.AddDays(-45)).Status(ConnectionStatus.Connected, since: Now.AddDays(-45)));
        _healthy = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Healthy").Provider("insperity", "Insperity").LastSynced(Now.AddHours(-1)));
        _olderB = await app.AddConnectionAsync(_b, ConnectionState.Live, c => c
            .Company("Bravo Old").Provider("gusto", "Gusto").ConnectedAt(Now.AddDays(-300)).LastSynced(Now.AddHours(-3)));
        await app.AddConnectionAsync(_b, ConnectionState.Live, c => c
            .Company("Bravo New").Provider("gusto", "Gusto").ConnectedAt(Now.AddDays(-3)).LastSynced(Now.AddHours(-3)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Connection> AddAsync(
        Employer employer, ConnectionState state, Action<ConnectionBuilder> shape, Action<Connection, IReadOnlyCollection<ConnectionEntity>> then)
    {
        var builder = new ConnectionBuilder(employer, state);
        shape(builder);
        var (connection, entities) = builder.Build();
        then(connection, entities.ToList());
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        db.Connections.Add(connection);
        db.ConnectionEntities.AddRange(entities);
        await db.SaveChangesAsync();
        return connection;
    }

    private async Task AddFailedDisconnectAsync(Employer employer, Connection connection)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        db.AuditLog.Add(new AuditRecord
        {
            Id = Guid.CreateVersion7(), OccurredAt = Now.AddDays(-1).AddMinutes(-1), ActorName = "Ada Admin", Action = AuditAction.ConnectionDisconnected,
            EmployerId = employer.Id, TargetType = "connection", TargetId = connection.Id.ToString(), Outcome = AuditOutcome.Failed,
            Detail = "/disconnect refused the token",
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_account_manager_sees_each_reason_of_their_employers_and_the_billed_count()
    {
        await using var scope = await app.SignedInScopeAsync(Role.AccountManager, _a);
        var waste = scope.ServiceProvider.GetRequiredService<BillableWaste>();

        var page = await waste.ListAsync(new PageRequest(0, 100));

        var reasons = page.Items.ToDictionary(i => i.ConnectionId, i => i.Reason);
        Assert.Equal(new Dictionary<Guid, WasteReason>
        {
            [_disconnectedHereOnly.Id] = WasteReason.DisconnectedStillBilled,
            [_emptied.Id] = WasteReason.NothingLeftToSync,
            [_sameCompanyOlder.Id] = WasteReason.DuplicateCompany,
            [_olderGusto.Id] = WasteReason.DuplicateProvider,
            [_test.Id] = WasteReason.TestConnection,
            [_finchGeneratedData.Id] = WasteReason.TestConnection,
            [_stalled.Id] = WasteReason.NoRecentSync,
            [_neverSyncedLongAgo.Id] = WasteReason.NoRecentSync,
        }, reasons);
        Assert.Equal(8, page.TotalCount);
        Assert.DoesNotContain(_newerGusto.Id, reasons.Keys);
        Assert.DoesNotContain(_healthy.Id, reasons.Keys);
        Assert.DoesNotContain(_sandboxEnvironment.Id, reasons.Keys);
        Assert.DoesNotContain(_olderB.Id, reasons.Keys);
        Assert.Equal(WasteAction.Reauth, page.Items.Single(i => i.ConnectionId == _stalled.Id).Action);
        Assert.Equal(WasteAction.ContactEmployer, page.Items.Single(i => i.ConnectionId == _neverSyncedLongAgo.Id).Action);
        Assert.Equal(WasteAction.ContactFinch, page.Items.Single(i => i.ConnectionId == _disconnectedHereOnly.Id).Action);
        Assert.Equal(WasteAction.Disconnect, page.Items.Single(i => i.ConnectionId == _olderGusto.Id).Action);
        Assert.False(page.Items.Single(i => i.ConnectionId == _emptied.Id).Billed);

        // Every reason but "nothing left to sync" is billed; another employer's never counts.
        Assert.Equal([new EmployerWaste(_a.Id, _a.Name, 7)], await waste.BilledByEmployerAsync());
        var second = await waste.ListAsync(new PageRequest(5, 5));
        Assert.Equal(3, second.Items.Count);
        Assert.Equal(8, second.TotalCount);
    }

    [Fact]
    public async Task An_admin_sees_every_employers_waste()
    {
        await using var scope = await app.SignedInScopeAsync(Role.Admin);
        var waste = scope.ServiceProvider.GetRequiredService<BillableWaste>();

        var items = new List<WasteItem>();
        await foreach (var item in waste.ExportAsync())
        {
            items.Add(item);
        }

        Assert.Contains(items, i => i.ConnectionId == _olderB.Id && i.Reason == WasteReason.DuplicateProvider);
        Assert.Contains(items, i => i.ConnectionId == _olderGusto.Id);
        Assert.Contains(await waste.BilledByEmployerAsync(), e => e.EmployerId == _b.Id && e.Billed == 1);
    }

    [Theory]
    [InlineData(Role.Support)]
    [InlineData(Role.EmployerAdmin)]
    public async Task Other_roles_are_refused_by_the_service(Role role)
    {
        await using var scope = await app.SignedInScopeAsync(role, role == Role.EmployerAdmin ? [_a] : []);
        var waste = scope.ServiceProvider.GetRequiredService<BillableWaste>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => waste.ListAsync(new PageRequest(0, 10)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => waste.BilledByEmployerAsync());
    }

    [Fact]
    public async Task The_csv_streams_the_callers_waste_with_reasons_and_no_token()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.AccountManager, _b));

        var response = await client.GetAsync(WasteExport.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            "employer_name,company_name,company_id,connection_id,provider,state,connection_status,entities,last_synced_at,connected_at," +
            "reason,billed,action,dashboard_connection_id,employer_id",
            lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(_olderB.Id.ToString(), row);
        Assert.Contains(",Duplicate provider,yes,Disconnect,", row);
        Assert.DoesNotContain("token", lines[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Support_gets_no_csv()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.Support));

        var response = await client.GetAsync(WasteExport.Path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task How_long_without_a_sync_counts_as_waste_comes_from_configuration()
    {
        using var patient = app.WithWebHostBuilder(b => b.UseSetting("Waste:NoSyncFor", "60.00:00:00"));
        await using var scope = await app.SignedInScopeAsync(await app.AddUserAsync(Role.AccountManager, _a), patient);

        var page = await scope.ServiceProvider.GetRequiredService<BillableWaste>().ListAsync(new PageRequest(0, 100));

        Assert.DoesNotContain(page.Items, i => i.Reason == WasteReason.NoRecentSync);
    }
}

/// <summary>The demo has one connection of each reason, found as the waste page finds them.</summary>
public sealed class DemoWasteTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task The_demo_shows_one_connection_of_each_reason()
    {
        await using (var seeding = app.Services.CreateAsyncScope())
        {
            await seeding.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(DashboardFactory.Password, "FINCHDEMOTOTPSECRETFORTHEDEMOXYZ");
        }

        await using var scope = await app.SignedInScopeAsync(Role.Admin);
        var items = (await scope.ServiceProvider.GetRequiredService<BillableWaste>().ListAsync(new PageRequest(0, 500))).Items;

        WasteReason ReasonOf(string company) => Assert.Single(items, i => i.CompanyName == company).Reason;
        Assert.Equal(WasteReason.DuplicateProvider, ReasonOf(DemoWaste.OlderDuplicate));
        Assert.DoesNotContain(items, i => i.CompanyName == DemoWaste.NewerDuplicate);
        Assert.Equal(WasteReason.TestConnection, ReasonOf(DemoWaste.TestConnection));
        Assert.Equal(WasteReason.DisconnectedStillBilled, ReasonOf(DemoWaste.DisconnectedHereOnly));
        Assert.Equal(WasteReason.NothingLeftToSync, ReasonOf(DemoWaste.NothingLeftToSync));
        Assert.Equal(WasteReason.NoRecentSync, ReasonOf(DemoWaste.StalledConnection));
    }
}
