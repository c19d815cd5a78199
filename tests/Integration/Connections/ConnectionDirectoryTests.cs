using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Connections;

/// <summary>The connections list's queries on PostgreSQL: scope, search, filters, sort, paging, counts and the banner.</summary>
public sealed class ConnectionDirectoryTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private Employer _a = default!;
    private Employer _b = default!;
    private Connection _gustoA = default!;
    private Connection _reauthA = default!;
    private Connection _stuckA = default!;
    private Connection _stagedA = default!;
    private Connection _disconnectedA = default!;
    private Connection _onlyB = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await app.AddTwoEmployersAsync();
        _gustoA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Holdings")
            .Provider("gusto", "Gusto")
            .LastSynced(Now.AddHours(-2))
            .ConnectedAt(Now.AddDays(-30))
            .ActiveEntities(1));
        _reauthA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Freight 100%")
            .Provider("adp_run", "ADP RUN")
            .Status(ConnectionStatus.Reauth)
            .Type(ConnectionType.AutomatedAssisted)
            .LastSynced(Now.AddDays(-5))
            .ConnectedAt(Now.AddDays(-400))
            .ActiveEntities(3));
        _stuckA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Clinics")
            .Provider("trinet", "TriNet")
            .Status(ConnectionStatus.Pending, since: Now - new ActionNeededOptions().AssistedPendingLimit - TimeSpan.FromHours(1))
            .Type(ConnectionType.Assisted)
            .ConnectedAt(Now.AddDays(-10))
            .ActiveEntities(1));
        _stagedA = await app.AddConnectionAsync(_a, ConnectionState.Staged, c => c
            .Session($"sess_{Guid.NewGuid():N}", ConnectSessionProgress.Opened, expiresAt: Now.AddDays(7)));
        _disconnectedA = await app.AddConnectionAsync(_a, ConnectionState.Disconnected, c => c
            .Company("Alpha Old Payroll")
            .DisconnectedAt(Now.AddDays(-1)));
        _onlyB = await app.AddConnectionAsync(_b, ConnectionState.Live, c => c
            .Company("Bravo Secret Holdings")
            .Provider("gusto", "Gusto")
            .Status(ConnectionStatus.Reauth));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ConnectionListQuery Live(string? search = null, ConnectionFilters? filters = null,
        ConnectionSortColumn sort = ConnectionSortColumn.Company, bool descending = false, int skip = 0, int take = 200) =>
        new(ConnectionState.Live, search, filters ?? ConnectionFilters.None, sort, descending, new PageRequest(skip, take));

    private async Task<(AsyncServiceScope Scope, ConnectionDirectory Directory)> AsEmployerAdminOfAAsync()
    {
        var user = await app.AddUserAsync(Role.EmployerAdmin, _a);
        var scope = await app.SignedInScopeAsync(user);
        return (scope, scope.ServiceProvider.GetRequiredService<ConnectionDirectory>());
    }

    [Fact]
    public async Task An_employer_admin_of_A_never_sees_Bs_connection()
    {
        var (scope, directory) = await AsEmployerAdminOfAAsync();
        await using var _ = scope;

        Assert.Null(await directory.FindAsync(_onlyB.Id));
        Assert.NotNull(await directory.FindAsync(_gustoA.Id));
        Assert.DoesNotContain((await directory.ListAsync(Live())).Items, r => r.Id == _onlyB.Id);
        Assert.Empty((await directory.ListAsync(Live(search: "Bravo Secret"))).Items);
        Assert.Empty((await directory.ListAsync(Live(search: _onlyB.FinchConnectionId))).Items);
        Assert.Equal(new TabCounts(3, 1, 1), await directory.CountByTabAsync(null, ConnectionFilters.None));
        Assert.DoesNotContain(await directory.ExportAsync(Live()).ToListAsync(), r => r.Id == _onlyB.Id);

        var banner = await directory.ActionNeededAsync();
        Assert.Equal(1, banner.CountByKind[ActionNeededKind.Reauth]);
        Assert.Equal(1, banner.CountByKind[ActionNeededKind.StuckPending]);
        Assert.Equal(2, banner.Total);
    }

    [Fact]
    public async Task Search_matches_company_customer_and_ids_case_insensitively_and_literally()
    {
        var (scope, directory) = await AsEmployerAdminOfAAsync();
        await using var _ = scope;

        Assert.Equal([_gustoA.Id], (await directory.ListAsync(Live(search: "alpha HOLDINGS"))).Items.Select(r => r.Id));
        Assert.Equal([_reauthA.Id], (await directory.ListAsync(Live(search: "100%"))).Items.Select(r => r.Id));
        Assert.Empty((await directory.ListAsync(Live(search: "1_0"))).Items);
        Assert.Equal([_stuckA.Id], (await directory.ListAsync(Live(search: _stuckA.FinchConnectionId![..13]))).Items.Select(r => r.Id));
        Assert.Equal(3, (await directory.ListAsync(Live(search: _a.CustomerId))).TotalCount);
    }

    [Fact]
    public async Task Every_filter_narrows_the_list()
    {
        var (scope, directory) = await AsEmployerAdminOfAAsync();
        await using var _ = scope;

        async Task<Guid[]> Ids(ConnectionFilters filters) =>
            (await directory.ListAsync(Live(filters: filters))).Items.Select(r => r.Id).ToArray();

        Assert.Equal([_reauthA.Id], await Ids(new() { Statuses = [ConnectionStatus.Reauth] }));
        Assert.Equal([_gustoA.Id], await Ids(new() { Providers = ["gusto"] }));
        Assert.Equal([_stuckA.Id], await Ids(new() { Types = [ConnectionType.Assisted] }));
        Assert.Equal([_reauthA.Id], await Ids(new() { Company = "freight" }));
        Assert.Equal([_reauthA.Id], await Ids(new() { MinEntities = 2 }));
        Assert.Equal([_gustoA.Id], await Ids(new() { LastSynced = new TimeRange(Now.AddDays(-1), null) }));
        Assert.Equal([_reauthA.Id], await Ids(new() { Connected = new TimeRange(null, Now.AddDays(-100)) }));
        Assert.Equal(new[] { _reauthA.Id, _stuckA.Id }.Order(), (await Ids(new() { ActionNeeded = true })).Order());
        Assert.Equal([_stuckA.Id], await Ids(new() { ActionNeeded = true, Providers = ["trinet"] }));
    }

    [Fact]
    public async Task Sorting_and_paging_happen_in_the_database()
    {
        var (scope, directory) = await AsEmployerAdminOfAAsync();
        await using var _ = scope;

        var byCompany = await directory.ListAsync(Live(sort: ConnectionSortColumn.Company));
        Assert.Equal(["Alpha Clinics", "Alpha Freight 100%", "Alpha Holdings"], byCompany.Items.Select(r => r.CompanyName));

        var byEntitiesDescending = await directory.ListAsync(Live(sort: ConnectionSortColumn.Entities, descending: true));
        Assert.Equal(_reauthA.Id, byEntitiesDescending.Items[0].Id);

        var secondPage = await directory.ListAsync(Live(sort: ConnectionSortColumn.Company, skip: 1, take: 1));
        Assert.Equal(3, secondPage.TotalCount);
        Assert.Equal("Alpha Freight 100%", Assert.Single(secondPage.Items).CompanyName);
    }

    // The list reads its rows with a plain data reader (count and page in one round trip); the connection page reads
    // the same projection through EF Core. Every column must come out the same, on every tab.
    [Fact]
    public async Task The_list_reads_every_column_as_the_connection_page_does()
    {
        var (employer, _) = await app.AddTwoEmployersAsync();
        var live = await app.AddConnectionAsync(employer, ConnectionState.Live, c => c
            .Company("Columns Live")
            .Provider("adp_run", "ADP RUN")
            .Status(ConnectionStatus.Reauth)
            .Type(ConnectionType.AutomatedAssisted)
            .LastSynced(Now.AddDays(-2))
            .ConnectedAt(Now.AddDays(-9))
            .ActiveEntities(2));
        var staged = await app.AddConnectionAsync(employer, ConnectionState.Staged, c => c
            .Session($"sess_{Guid.NewGuid():N}", ConnectSessionProgress.Opened, expiresAt: Now.AddDays(7)));
        var ended = await app.AddConnectionAsync(employer, ConnectionState.Disconnected, c => c
            .Company("Columns Ended")
            .DisconnectedBy("Ada Admin", "Employer offboarded"));
        await using var scope = await app.SignedInScopeAsync(await app.AddUserAsync(Role.EmployerAdmin, employer));
        var directory = scope.ServiceProvider.GetRequiredService<ConnectionDirectory>();

        foreach (var connection in new[] { live, staged, ended })
        {
            var listed = await directory.ListAsync(Live() with { Tab = connection.State });
            var found = (await directory.FindAsync(connection.Id))!.Connection;

            Assert.Equal(1, listed.TotalCount);
            var row = Assert.Single(listed.Items);
            Assert.NotEmpty(row.Products);
            Assert.Equal(found.Products, row.Products);
            Assert.Equal(found with { Products = [] }, row with { Products = [] });
        }
    }

    [Fact]
    public async Task Tabs_hold_live_staged_and_disconnected_apart()
    {
        var (scope, directory) = await AsEmployerAdminOfAAsync();
        await using var _ = scope;

        var staged = await directory.ListAsync(Live() with { Tab = ConnectionState.Staged });
        var disconnected = await directory.ListAsync(Live() with { Tab = ConnectionState.Disconnected });

        Assert.Equal(_stagedA.Id, Assert.Single(staged.Items).Id);
        Assert.Equal(ConnectSessionProgress.Opened, staged.Items[0].SessionProgress);
        Assert.Equal(_disconnectedA.Id, Assert.Single(disconnected.Items).Id);
    }

    [Fact]
    public async Task The_connection_page_has_its_entities_methods_and_timeline()
    {
        var user = await app.AddUserAsync(Role.Admin);
        await using var scope = await app.SignedInScopeAsync(user);
        var directory = scope.ServiceProvider.GetRequiredService<ConnectionDirectory>();

        var details = await directory.FindAsync(_onlyB.Id);

        Assert.NotNull(details);
        Assert.Equal(_b.Name, details.EmployerName);
        Assert.Equal(2, details.Entities.Count);
        Assert.Contains(details.Entities, e => e.Status == "disconnected");
        Assert.Single(details.AuthenticationMethods);
        Assert.Equal("Connected through Gusto", Assert.Single(details.Timeline).Summary);
    }
}
