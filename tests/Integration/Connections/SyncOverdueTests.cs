using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Connections;

/// <summary>
/// "Sync overdue" on PostgreSQL: a Connected connection whose last sync is older than its type's cadence shows on the
/// banner, under the list's filter, in the triage queue and in the CSV, within the caller's scope; pending connections
/// wait by their type's threshold.
/// </summary>
public sealed class SyncOverdueTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private Employer _a = default!;
    private Employer _b = default!;
    private Connection _automatedOverdue = default!;
    private Connection _automatedOnTime = default!;
    private Connection _assistedOverdue = default!;
    private Connection _assistedOnTime = default!;
    private Connection _neverSynced = default!;
    private Connection _assistedPendingAWeek = default!;
    private Connection _automatedPendingAWeek = default!;
    private Connection _overdueB = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await app.AddTwoEmployersAsync("Overdue Alpha", "Overdue Bravo");
        _automatedOverdue = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Late").Provider("gusto", "Gusto").LastSynced(Now.AddHours(-30)));
        _automatedOnTime = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Fresh").Provider("gusto", "Gusto").LastSynced(Now.AddHours(-20)));
        _assistedOverdue = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Assisted Late").Type(ConnectionType.Assisted).LastSynced(Now.AddDays(-9)));
        _assistedOnTime = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Assisted Fresh").Type(ConnectionType.Assisted).LastSynced(Now.AddDays(-5)));
        _neverSynced = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c.Company("Alpha New"));
        _assistedPendingAWeek = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Assisted Set-up").Type(ConnectionType.Assisted).Status(ConnectionStatus.Pending, since: Now.AddDays(-7)));
        _automatedPendingAWeek = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Fallback").Status(ConnectionStatus.Pending, since: Now.AddDays(-7)));
        _overdueB = await app.AddConnectionAsync(_b, ConnectionState.Live, c => c.Company("Bravo Late").LastSynced(Now.AddDays(-3)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ConnectionListQuery Live(ConnectionFilters filters) =>
        new(ConnectionState.Live, null, filters, ConnectionSortColumn.Company, false, new PageRequest(0, 200));

    [Fact]
    public async Task The_banner_and_the_filter_count_overdue_connections_in_scope_by_their_types_cadence()
    {
        await using var scope = await app.SignedInScopeAsync(Role.AccountManager, _a);
        var directory = scope.ServiceProvider.GetRequiredService<ConnectionDirectory>();

        var banner = await directory.ActionNeededAsync();
        var overdue = await directory.ListAsync(Live(new ConnectionFilters { SyncOverdue = true }));

        Assert.Equal(2, banner.CountByKind[ActionNeededKind.SyncOverdue]);
        Assert.Equal(new[] { _assistedOverdue.Id, _automatedOverdue.Id }, overdue.Items.Select(r => r.Id));
        Assert.Equal(1, banner.CountByKind[ActionNeededKind.StuckPending]);
        var needingAction = (await directory.ListAsync(Live(new ConnectionFilters { ActionNeeded = true }))).Items.Select(r => r.Id).ToList();
        Assert.Contains(_automatedPendingAWeek.Id, needingAction);
        Assert.DoesNotContain(_assistedPendingAWeek.Id, needingAction);
        Assert.DoesNotContain(_neverSynced.Id, needingAction);
        Assert.DoesNotContain(_overdueB.Id, needingAction);
    }

    [Fact]
    public async Task The_triage_queue_lists_overdue_connections_as_their_own_kind_since_their_last_sync()
    {
        await using var scope = await app.SignedInScopeAsync(Role.AccountManager, _a);
        var queue = scope.ServiceProvider.GetRequiredService<TriageQueue>();

        var page = await queue.ListAsync(new TriageQuery(null, ActionNeededKind.SyncOverdue, new PageRequest(0, 50)));

        Assert.Equal(new[] { _assistedOverdue.Id, _automatedOverdue.Id }, page.Items.Select(i => i.ConnectionId));
        Assert.Equal(_assistedOverdue.LastSyncedAt!.Value, page.Items[0].Since, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task The_csv_marks_each_live_connection_overdue_or_not()
    {
        var client = await app.SignedInClientAsync(await app.AddUserAsync(Role.AccountManager, _a));

        var lines = (await client.GetStringAsync("/connections/export?tab=live")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var overdueColumn = Array.IndexOf(lines[0].Split(','), "sync_overdue");
        Assert.True(overdueColumn >= 0, lines[0]);
        string OverdueOf(Connection connection) => lines.Single(l => l.Contains(connection.Id.ToString())).Split(',')[overdueColumn];
        Assert.Equal("yes", OverdueOf(_automatedOverdue));
        Assert.Equal("yes", OverdueOf(_assistedOverdue));
        Assert.Equal("no", OverdueOf(_automatedOnTime));
        Assert.Equal("no", OverdueOf(_assistedOnTime));
        Assert.Equal("no", OverdueOf(_neverSynced));
    }

    [Fact]
    public async Task The_cadences_come_from_configuration()
    {
        using var patient = app.WithWebHostBuilder(b => b
            .UseSetting("ActionNeeded:AutomatedSyncCadence", "2.00:00:00")
            .UseSetting("ActionNeeded:AssistedSyncCadence", "14.00:00:00"));
        var user = await app.AddUserAsync(Role.AccountManager, _a);
        await using var scope = await app.SignedInScopeAsync(user, patient);

        var banner = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().ActionNeededAsync();

        Assert.False(banner.CountByKind.ContainsKey(ActionNeededKind.SyncOverdue));
    }

    [Fact]
    public void A_sync_cadence_shorter_for_assisted_than_automated_is_refused_at_start_up_naming_the_key()
    {
        using var wrong = app.WithWebHostBuilder(b => b.UseSetting("ActionNeeded:AssistedSyncCadence", "01:00:00"));

        var error = Assert.ThrowsAny<Exception>(() => wrong.Services);

        Assert.Contains("ActionNeeded:AssistedSyncCadence", error.ToString());
    }
}
