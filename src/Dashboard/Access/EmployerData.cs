using FinchDashboard.Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// The only way application services open the database: a short-lived context filtered to the employers the
/// current caller may see. Short-lived because a Blazor circuit runs many operations concurrently.
/// </summary>
public sealed class EmployerData(IDbContextFactory<DashboardDbContext> factory, CurrentCaller currentCaller)
{
    public async Task<DashboardDbContext> OpenAsync(CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        var context = await factory.CreateDbContextAsync(cancellationToken);
        context.EmployerScope = caller.Scope;
        return context;
    }
}
