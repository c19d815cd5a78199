using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Data;

/// <summary>Two writers of one connection's rows on PostgreSQL: they queue, they do not deadlock.</summary>
public sealed class ConnectionSaveLockTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task A_save_of_a_connection_and_its_entities_waits_for_a_writer_that_locked_the_connection_first()
    {
        var employer = await app.AddEmployerAsync("Lock Order Co");
        var connection = await app.AddConnectionAsync(employer, ConnectionState.Live, _ => { });
        var systemData = app.Services.GetRequiredService<SystemData>();

        // The webhook processor's order: the connection first, then its rows.
        await using var processor = await systemData.OpenAsync();
        await using var transaction = await processor.Database.BeginTransactionAsync();
        await ConnectionSaveLock.LockAsync(processor.Database, [connection.Id], CancellationToken.None);

        // A refresh from Finch saves an entity and its connection together; EF writes connection_entities first.
        await using var user = await systemData.OpenAsync();
        var entity = await user.ConnectionEntities.FirstAsync(e => e.ConnectionId == connection.Id && e.Status == "connected");
        var tracked = await user.Connections.SingleAsync(c => c.Id == connection.Id);
        tracked.ApplyIntrospection(
            new ConnectionIntrospection(tracked.FinchConnectionId!, tracked.Status, "Changed by the user", tracked.CompanyId, tracked.ProviderId,
                tracked.Products, null, null, tracked.ConnectionType, null, [new IntrospectedEntity(entity.FinchEntityId, "Renamed by the user", null, entity.Status)]),
            null, [entity], DateTimeOffset.UtcNow);
        var save = user.SaveChangesAsync();
        await WaitUntilAWriterWaitsForALockAsync(systemData);

        // Were the user's save holding the entity already, this would deadlock and PostgreSQL would abort one of them.
        await processor.ConnectionEntities.Where(e => e.Id == entity.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, "disconnected"));
        await transaction.CommitAsync();
        await save;

        await using var check = await systemData.OpenAsync();
        var saved = await check.ConnectionEntities.AsNoTracking().SingleAsync(e => e.Id == entity.Id);
        Assert.Equal(("Renamed by the user", "disconnected"), (saved.Name, saved.Status));
        Assert.Equal("Changed by the user", (await check.Connections.AsNoTracking().SingleAsync(c => c.Id == connection.Id)).StatusMessage);
    }

    [Fact]
    public async Task Discarding_a_token_waits_for_a_writer_that_locked_the_connection_first()
    {
        var employer = await app.AddEmployerAsync("Token Order Co");
        var connection = await app.AddConnectionAsync(employer, ConnectionState.Live, _ => { });
        var systemData = app.Services.GetRequiredService<SystemData>();
        var tokens = app.Services.GetRequiredService<ConnectionTokens>();
        await using (var setup = await systemData.OpenAsync())
        {
            await tokens.StoreAsync(setup, connection.Id, employer.Id, new FinchAccessToken("token-for-the-lock-order-test"));
            await setup.SaveChangesAsync();
        }

        // The webhook processor ends the connection Finch reports gone: the connection first, then its token.
        await using var processor = await systemData.OpenAsync();
        await using var transaction = await processor.Database.BeginTransactionAsync();
        await ConnectionSaveLock.LockAsync(processor.Database, [connection.Id], CancellationToken.None);

        // Meanwhile a user's full disconnect, once Finch answered: the token goes, the connection is marked, one transaction.
        await using var user = await systemData.OpenAsync();
        var tracked = await user.Connections.SingleAsync(c => c.Id == connection.Id);
        var entities = await user.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync();
        var disconnect = Task.Run(async () =>
        {
            await using var userTransaction = await user.Database.BeginTransactionAsync();
            await tokens.DiscardAsync(user, connection.Id);
            tracked.Disconnect("Test Admin", "Offboarded", DateTimeOffset.UtcNow, entities);
            await user.SaveChangesAsync();
            await userTransaction.CommitAsync();
        });
        await WaitUntilAWriterWaitsForALockAsync(systemData);

        // Had the user's delete taken the token row before the connection, this would deadlock.
        await tokens.DiscardAsync(processor, connection.Id);
        await transaction.CommitAsync();
        await disconnect;

        await using var check = await systemData.OpenAsync();
        Assert.False(await check.AccessTokens.AnyAsync(t => t.ConnectionId == connection.Id));
        Assert.Equal(ConnectionState.Disconnected, (await check.Connections.AsNoTracking().SingleAsync(c => c.Id == connection.Id)).State);
    }

    private static async Task WaitUntilAWriterWaitsForALockAsync(SystemData systemData)
    {
        await using var db = await systemData.OpenAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the user's save never waited for the connection");
            await Task.Delay(20);
        }
    }
}
