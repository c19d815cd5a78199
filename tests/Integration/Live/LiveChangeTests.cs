using System.Threading.Channels;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Live;

/// <summary>Saved changes travel through PostgreSQL's NOTIFY to every instance's listener, and only once committed.</summary>
public sealed class LiveChangeTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_saved_change_reaches_the_feed_with_its_employer_and_connection()
    {
        var employer = await app.AddEmployerAsync("Live Co");
        var connection = await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company("Live Co"));
        var heard = await ListenAfterEarlierChangesAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync())
        {
            var stored = await db.Connections.SingleAsync(c => c.Id == connection.Id);
            stored.ApplyStatusReport(ConnectionStatus.Reauth, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var change = await NextForAsync(heard, connection.Id);
        Assert.Equal((employer.Id, connection.Id), (change.EmployerId, change.ConnectionId));
        Assert.True(change.What.HasFlag(ConnectionChangeKind.Status), $"{change.What}");
        Assert.False(change.What.HasFlag(ConnectionChangeKind.Tab), $"{change.What}");
    }

    [Fact]
    public async Task A_rolled_back_change_is_never_announced()
    {
        var employer = await app.AddEmployerAsync("Rolled Back Co");
        var connection = await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company("Rolled Back Co"));
        var marker = await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company("Marker"));
        var heard = await ListenAfterEarlierChangesAsync();

        await using var scope = app.Services.CreateAsyncScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var stored = await db.Connections.SingleAsync(c => c.Id == connection.Id);
            stored.ApplyStatusReport(ConnectionStatus.Reauth, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A later committed change arrives; the rolled-back one must not have arrived before it.
        await using (var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync())
        {
            (await db.Connections.SingleAsync(c => c.Id == marker.Id)).MarkNeedsReauth("marker", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var seen = new List<ConnectionChange>();
        using var timeout = new CancellationTokenSource(Patience);
        while (!seen.Any(c => c.ConnectionId == marker.Id))
        {
            seen.AddRange((await heard.ReadAsync(timeout.Token)).Changes);
        }

        Assert.DoesNotContain(seen, c => c.ConnectionId == connection.Id);
    }

    [Fact]
    public async Task A_change_saved_by_another_instance_on_the_same_database_reaches_this_instances_pages()
    {
        var employer = await app.AddEmployerAsync("Two Instances Co");
        var connection = await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company("Two Instances Co"));
        var heard = await ListenAfterEarlierChangesAsync();
        await using var other = new DashboardFactory(new Dictionary<string, string> { ["ConnectionStrings:Dashboard"] = app.ConnectionString });
        await other.InitializeAsync();

        await using (var scope = other.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync())
        {
            (await db.Connections.SingleAsync(c => c.Id == connection.Id)).ApplyStatusReport(ConnectionStatus.ErrorPermissions, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var change = await NextForAsync(heard, connection.Id);
        Assert.Equal((employer.Id, connection.Id), (change.EmployerId, change.ConnectionId));
        Assert.True(change.What.HasFlag(ConnectionChangeKind.Status), $"{change.What}");
        Assert.False(change.What.HasFlag(ConnectionChangeKind.Tab), $"{change.What}");
    }

    private Task<ChannelReader<ConnectionChangeBatch>> ListenAfterEarlierChangesAsync() => FeedListener.ListenAfterEarlierChangesAsync(app);

    private static async Task<ConnectionChange> NextForAsync(ChannelReader<ConnectionChangeBatch> heard, Guid connectionId) =>
        (await FeedListener.NextBatchForAsync(heard, connectionId)).Changes.Single(c => c.ConnectionId == connectionId);
}
