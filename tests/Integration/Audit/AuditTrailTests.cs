using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Audit;

public sealed class AuditTrailTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task A_record_longer_than_its_columns_is_shortened_not_refused()
    {
        // Disconnecting fifty entities names them all; Finch has already acted, so the record must still save.
        var targetId = Guid.NewGuid().ToString();
        var names = string.Join(", ", Enumerable.Range(1, 50).Select(i => $"Northwind Builders Subsidiary {i:00} ({Guid.NewGuid()})"));
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().WriteAsync(AuditActor.System("test"),
            new AuditEntry(AuditAction.EntitiesDisconnected, AuditOutcome.Succeeded, "connection", targetId, null)
            {
                Reason = new string('r', AuditRecord.ReasonMaxLength + 10),
                Detail = $"Disconnected {names}",
            });

        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var record = await db.AuditLog.AsNoTracking().SingleAsync(r => r.TargetId == targetId);
        Assert.Equal(AuditRecord.DetailMaxLength, record.Detail!.Length);
        Assert.StartsWith("Disconnected Northwind Builders Subsidiary 01", record.Detail);
        Assert.EndsWith("…", record.Detail);
        Assert.Equal(AuditRecord.ReasonMaxLength, record.Reason!.Length);
    }
}
