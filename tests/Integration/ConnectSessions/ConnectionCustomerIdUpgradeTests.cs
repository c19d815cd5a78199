using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FinchDashboard.Integration.ConnectSessions;

/// <summary>Connections made before each had its own customer id keep the one Finch knows them under: their employer's.</summary>
public sealed class ConnectionCustomerIdUpgradeTests
{
    [Fact]
    public async Task A_connection_without_a_customer_id_gets_its_employers_and_one_with_its_own_keeps_it()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("upgrade");
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(connectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync();
        var employer = new Employer(Guid.CreateVersion7(), "upgrade-co", "Upgrade Co", null, DateTimeOffset.UtcNow);
        var older = new ConnectionBuilder(employer, ConnectionState.Live).FinchConnectionId("conn-older").Build().Connection;
        var newer = new ConnectionBuilder(employer, ConnectionState.Live).FinchConnectionId("conn-newer").Build().Connection;
        db.Employers.Add(employer);
        db.Connections.AddRange(older, newer);
        await db.SaveChangesAsync();
        await migrator.MigrateAsync("AutomatedJobs");
        await db.Database.ExecuteSqlAsync($"UPDATE connections SET customer_id = NULL WHERE id = {older.Id}");

        await migrator.MigrateAsync();

        var customerIds = await db.Connections.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.CustomerId);
        Assert.Equal("upgrade-co", customerIds[older.Id]);
        Assert.Equal($"upgrade-co/{newer.Id}", customerIds[newer.Id]);
    }
}
