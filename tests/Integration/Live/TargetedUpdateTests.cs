using System.Diagnostics;
using System.Threading.Channels;
using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FinchDashboard.Integration.Live;

/// <summary>
/// What an open connections list does with the changes it hears: a changed row it shows is replaced where it stands, the
/// banner and counts follow, one read answers every page of the same employers, and nothing crosses employers.
/// </summary>
public sealed class TargetedUpdateTests(TargetedUpdateTests.CommandsLogged fixture) : IClassFixture<TargetedUpdateTests.CommandsLogged>
{
    /// <summary>A dashboard that logs every SQL command it sends, so a test can count the reads.</summary>
    public sealed class CommandsLogged : IAsyncLifetime
    {
        public DashboardFactory App { get; } = new(new Dictionary<string, string>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        });

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    private DashboardFactory app => fixture.App;

    [Fact]
    public async Task A_status_change_replaces_the_row_on_a_page_that_shows_it_and_only_moves_the_banner_on_one_that_does_not()
    {
        var (acme, _) = await app.AddTwoEmployersAsync("Targeted Acme", "Targeted Other");
        var changing = await app.AddConnectionAsync(acme, ConnectionState.Live, c => c.Company("Changing Payroll"));
        await app.AddConnectionAsync(acme, ConnectionState.Live, c => c.Company("Steady Payroll"));
        await using var circuit = await app.SignedInScopeAsync(Role.AccountManager, acme);
        var showing = await OpenAsync(circuit, new ConnectionListView());
        var searching = await OpenAsync(circuit, new ConnectionListView { Search = "Steady" });
        Assert.Equal(0, showing.Model.ActionNeeded!.Total);
        var heard = await ListenAfterEarlierChangesAsync();

        await ChangeAsync(changing.Id, c => c.ApplyStatusReport(ConnectionStatus.Reauth, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var batch = await NextBatchForAsync(heard, changing.Id);

        var onShowing = Assert.IsType<HeardChanges.RowsReplaced>(await showing.HearAsync(batch, circuit));
        Assert.Equal(showing.Rows.Select(r => r.Id), onShowing.Rows.Select(r => r.Id));
        Assert.Equal(ConnectionStatus.Reauth, onShowing.Rows.Single(r => r.Id == changing.Id).Status);
        Assert.Same(showing.Rows.Single(r => r.Id != changing.Id), onShowing.Rows.Single(r => r.Id != changing.Id));
        Assert.Equal(1, showing.Model.ActionNeeded!.Total);

        Assert.IsType<HeardChanges.NothingShown>(await searching.HearAsync(batch, circuit));
        Assert.Equal(1, searching.Model.ActionNeeded!.Total);
    }

    [Fact]
    public async Task A_connection_leaving_its_tab_makes_every_page_that_counts_it_read_again_and_the_counts_follow()
    {
        var employer = await app.AddEmployerAsync("Targeted Leaving");
        var leaving = await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company("Leaving Payroll"));
        await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company("Staying Payroll"));
        await using var circuit = await app.SignedInScopeAsync(Role.AccountManager, employer);
        // This page does not show the leaving connection, but its tab counts include it.
        var counting = await OpenAsync(circuit, new ConnectionListView { Tab = ConnectionState.Disconnected });
        Assert.Equal(new TabCounts(2, 0, 0), counting.Model.Counts);
        var heard = await ListenAfterEarlierChangesAsync();

        await ChangeAsync(leaving.Id, c => c.Disconnect("test", "Leaving", DateTimeOffset.UtcNow, []));
        var batch = await NextBatchForAsync(heard, leaving.Id);

        Assert.IsType<HeardChanges.ReadAgain>(await counting.HearAsync(batch, circuit));
        await counting.LoadAsync();
        Assert.Equal(new TabCounts(1, 0, 1), counting.Model.Counts);
        Assert.Equal([leaving.Id], counting.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Pages_of_the_same_employers_share_one_read_of_a_batch_and_pages_of_other_employers_never_see_it()
    {
        var (mine, theirs) = await app.AddTwoEmployersAsync("Shared Read Mine", "Shared Read Theirs");
        var myConnection = await app.AddConnectionAsync(mine, ConnectionState.Live, c => c.Company("Mine Payroll"));
        var theirConnection = await app.AddConnectionAsync(theirs, ConnectionState.Live, c => c.Company("Theirs Payroll"));
        var manager = await app.AddUserAsync(Role.AccountManager, mine);
        await using var firstTab = await app.SignedInScopeAsync(manager);
        await using var secondTab = await app.SignedInScopeAsync(manager);
        await using var otherManager = await app.SignedInScopeAsync(Role.AccountManager, theirs);
        var pages = new[]
        {
            await OpenAsync(firstTab, new ConnectionListView()),
            await OpenAsync(secondTab, new ConnectionListView()),
            await OpenAsync(secondTab, new ConnectionListView()),
        };
        var theirPage = await OpenAsync(otherManager, new ConnectionListView());
        var heard = await ListenAfterEarlierChangesAsync();
        var readsBefore = SharedReads();

        // Both change in one save, so they travel in one notification and one batch.
        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync())
        {
            foreach (var connection in await db.Connections.Where(c => c.Id == myConnection.Id || c.Id == theirConnection.Id).ToListAsync())
            {
                connection.ApplyStatusReport(ConnectionStatus.ErrorPermissions, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            }
            await db.SaveChangesAsync();
        }
        var batch = await NextBatchForAsync(heard, myConnection.Id);
        Assert.Contains(batch.Changes, c => c.ConnectionId == theirConnection.Id);

        foreach (var page in pages)
        {
            var replaced = Assert.IsType<HeardChanges.RowsReplaced>(await page.HearAsync(batch, firstTab));
            Assert.Equal([myConnection.Id], replaced.Rows.Select(r => r.Id));
            Assert.Equal(1, page.Model.ActionNeeded!.Total);
        }
        Assert.Equal(1, SharedReads() - readsBefore);

        // The other manager's page, given the same batch, reads through its own scope and learns nothing of ours.
        var onTheirs = Assert.IsType<HeardChanges.RowsReplaced>(await theirPage.HearAsync(batch, otherManager));
        Assert.Equal([theirConnection.Id], onTheirs.Rows.Select(r => r.Id));
        var read = await app.Services.GetRequiredService<ChangedConnections>().ReadAsync(batch, EmployerScope.Only([theirs.Id]), withActionNeeded: true);
        Assert.Equal([theirConnection.Id], read.Rows.Keys);
        Assert.Equal(1, read.ActionNeeded!.Total);
    }

    [Fact]
    public async Task A_hundred_changes_within_200_ms_reach_open_pages_as_one_batch()
    {
        var employer = await app.AddEmployerAsync("Targeted Burst");
        var heard = await ListenAfterEarlierChangesAsync();
        var burst = Enumerable.Range(0, 100).Select(_ => new ConnectionChange(employer.Id, Guid.NewGuid(), ConnectionChangeKind.Status)).ToList();

        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var sending = Stopwatch.StartNew();
        foreach (var change in burst)
        {
            // One notification and one commit each, as a hundred webhooks applied one by one would send.
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", ConnectionChangeNotifier.Channel);
            notify.Parameters.AddWithValue("payload", ConnectionChangeNotifier.Payloads([change]).Single());
            await notify.ExecuteNonQueryAsync();
        }
        sending.Stop();
        Assert.True(sending.Elapsed < TimeSpan.FromMilliseconds(200), $"The burst took {sending.Elapsed.TotalMilliseconds:N0} ms to send, so it says nothing about 200 ms.");

        var batch = await NextBatchForAsync(heard, burst[0].ConnectionId);
        Assert.Equal(burst.Select(c => c.ConnectionId).Order(), batch.Changes.Select(c => c.ConnectionId).Order());
    }

    private long SharedReads() => app.Logs.Lines.LongCount(l => l.Contains("Executed DbCommand", StringComparison.Ordinal) && l.Contains(ChangedConnections.RowsTag, StringComparison.Ordinal));

    private Task<ChannelReader<ConnectionChangeBatch>> ListenAfterEarlierChangesAsync() => FeedListener.ListenAfterEarlierChangesAsync(app);

    private static Task<ConnectionChangeBatch> NextBatchForAsync(ChannelReader<ConnectionChangeBatch> heard, Guid connectionId) =>
        FeedListener.NextBatchForAsync(heard, connectionId);

    private async Task ChangeAsync(Guid connectionId, Action<Connection> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        change(await db.Connections.SingleAsync(c => c.Id == connectionId));
        await db.SaveChangesAsync();
    }

    private static async Task<OpenList> OpenAsync(AsyncServiceScope circuit, ConnectionListView view)
    {
        var services = circuit.ServiceProvider;
        var list = new OpenList(
            new ConnectionListModel(services.GetRequiredService<ConnectionDirectory>(), services.GetRequiredService<ChangedConnections>(),
                services.GetRequiredService<ConnectLinks>(), NullLogger.Instance),
            view);
        await list.LoadAsync();
        return list;
    }

    /// <summary>A connections page as the page holds it: its view, its model and the rows on screen.</summary>
    private sealed class OpenList(ConnectionListModel model, ConnectionListView view)
    {
        public ConnectionListModel Model { get; } = model;

        public IReadOnlyList<ConnectionRow> Rows { get; private set; } = [];

        public async Task LoadAsync() =>
            Rows = [.. (await Model.LoadAsync(view, quietly: true, () => Task.CompletedTask, CancellationToken.None)).Items];

        public async Task<HeardChanges> HearAsync(ConnectionChangeBatch batch, AsyncServiceScope circuit)
        {
            var scope = (await circuit.ServiceProvider.GetRequiredService<FinchDashboard.Dashboard.Access.CurrentCaller>().GetAsync()).Scope;
            return await Model.HearAsync(view, batch, scope, Rows, CancellationToken.None);
        }
    }
}
