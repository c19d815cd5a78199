using FinchDashboard.Dashboard.Data;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FinchDashboard.Integration.Webhooks;

/// <summary>Events stored before the inbox kept the fields applying reads stay applicable after the upgrade.</summary>
public sealed class WebhookUpgradeTests
{
    [Fact]
    public async Task Pending_and_unmatched_events_get_their_fields_from_their_body()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("upgrade");
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(connectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("DisconnectsWebhooksAudit");
        await StoreAsync(db, "pending-status", "Pending", """{"event_type":"account.updated","data":{"status":"reauth","authentication_method":{"type":"oauth"}}}""");
        await StoreAsync(db, "unmatched-status", "Unmatched", """{"event_type":"account.updated","data":{"status":"connected","authentication_method":"credential"}}""");
        await StoreAsync(db, "pending-job", "Pending", """{"event_type":"job.data_sync_all.completed","data":{"job_id":"job-1","status":7}}""");
        await StoreAsync(db, "no-data", "Pending", """{"event_type":"company.updated","data":null}""");
        await StoreAsync(db, "applied", "Applied", """{"event_type":"account.updated","data":{"status":"reauth"}}""");

        await migrator.MigrateAsync();

        var fields = await db.WebhookEvents.IgnoreQueryFilters().AsNoTracking()
            .ToDictionaryAsync(w => w.EventId, w => (w.ReportedStatus, w.AuthenticationMethod, w.JobId));
        Assert.Equal(("reauth", "oauth", null), fields["pending-status"]);
        Assert.Equal(("connected", "credential", null), fields["unmatched-status"]);
        Assert.Equal((null, null, "job-1"), fields["pending-job"]);
        Assert.Equal((null, null, null), fields["no-data"]);
        Assert.Equal((null, null, null), fields["applied"]);
    }

    /// <summary>A row as the inbox wrote it before: the body, and of its fields only those that had columns.</summary>
    private static Task StoreAsync(DashboardDbContext db, string eventId, string state, string body) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO webhook_events (event_id, event_type, received_at, sent_at, finch_connection_id, body, state, attempts)
            VALUES ({eventId}, ({body}::jsonb ->> 'event_type'), now(), now(), 'conn', {body}, {state}, 0)
            """);
}
