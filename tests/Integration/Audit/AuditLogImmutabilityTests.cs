using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinchDashboard.Integration.Audit;

/// <summary>The audit log is append-only in PostgreSQL itself: not even the application's own connection can edit it.</summary>
public sealed class AuditLogImmutabilityTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Records_can_be_added_but_never_updated_deleted_or_truncated()
    {
        var targetId = Guid.NewGuid().ToString();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().WriteAsync(AuditActor.System("test"),
            new AuditEntry(AuditAction.WebhookApplied, AuditOutcome.Succeeded, "connection", targetId, null) { Detail = "original" });

        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.AuditLog.Where(r => r.TargetId == targetId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Detail, "rewritten")));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => db.AuditLog.Where(r => r.TargetId == targetId).ExecuteDeleteAsync());
        await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_log"));

        var record = await db.AuditLog.AsNoTracking().SingleAsync(r => r.TargetId == targetId);
        Assert.Equal("original", record.Detail);
    }
}
