using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FinchDashboard.Integration.ConnectSessions;

/// <summary>Links stored while the state was still kept in them lose it on upgrade, and only it.</summary>
public sealed class ConnectUrlUpgradeTests
{
    [Theory]
    [InlineData("https://connect.tryfinch.com/authorize?session=s1&state=abc-DEF_123", "https://connect.tryfinch.com/authorize?session=s1")]
    [InlineData("https://connect.tryfinch.com/authorize?state=abc&session=s1", "https://connect.tryfinch.com/authorize?session=s1")]
    [InlineData("https://connect.tryfinch.com/authorize?session=s1&state=abc&prompt=x", "https://connect.tryfinch.com/authorize?session=s1&prompt=x")]
    [InlineData("https://connect.tryfinch.com/authorize?session=s1", "https://connect.tryfinch.com/authorize?session=s1")]
    public async Task The_state_is_taken_out_of_stored_connect_urls(string stored, string upgraded)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("upgrade");
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(connectionString).Options);
        var migrator = db.GetService<IMigrator>();
        // The rows are written through today's model, so into today's schema; taking the schema back to before the
        // upgrade keeps them, and later columns cannot break the insert.
        await migrator.MigrateAsync();
        var employer = new Employer(Guid.CreateVersion7(), "upgrade-co", "Upgrade Co", null, DateTimeOffset.UtcNow);
        var connection = new ConnectionBuilder(employer, ConnectionState.Staged).Build().Connection;
        db.Employers.Add(employer);
        db.Connections.Add(connection);
        db.ConnectSessions.Add(new IssuedConnectSession
        {
            Id = Guid.CreateVersion7(),
            EmployerId = employer.Id,
            ConnectionId = connection.Id,
            Kind = ConnectSessionKind.NewConnection,
            FinchSessionId = "s1",
            StateHash = [1, 2, 3],
            ConnectUrl = stored,
            RedirectUri = "https://dashboard.example/finch/callback",
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(1),
            CreatedBy = "Upgrade test",
        });
        await db.SaveChangesAsync();
        await migrator.MigrateAsync("WebhookPayloadFields");

        await migrator.MigrateAsync();

        Assert.Equal(upgraded, await db.ConnectSessions.IgnoreQueryFilters().AsNoTracking().Select(s => s.ConnectUrl).SingleAsync());
    }
}
