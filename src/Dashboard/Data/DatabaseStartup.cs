using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Data;

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations when <see cref="DatabaseOptions.MigrateOnStartup"/> asks for it.</summary>
    public static async Task MigrateDatabaseAsync(this IHost app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            return;
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
