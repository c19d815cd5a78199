using FinchDashboard.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// A context that sees every employer, for work done on behalf of the system rather than a person:
/// resolving a caller's grants, seeding, background processing. Never hand one to code serving a user's request.
/// </summary>
public sealed class SystemData(IDbContextFactory<DashboardDbContext> factory)
{
    public async Task<DashboardDbContext> OpenAsync(CancellationToken cancellationToken = default)
    {
        var context = await factory.CreateDbContextAsync(cancellationToken);
        context.EmployerScope = EmployerScope.AllEmployers;
        return context;
    }
}
