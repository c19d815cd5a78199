using FinchDashboard.Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FinchDashboard.Dashboard.Health;

/// <summary>Ready when PostgreSQL answers and every migration this build knows is applied.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<DashboardDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy("PostgreSQL reachable, migrations applied")
            : HealthCheckResult.Unhealthy($"{pending} migrations not applied");
    }
}
