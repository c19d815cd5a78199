using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Data;

public static class DatabaseStartup
{
    // The single-key advisory lock under which instances starting together create the migrations history table ("MIGRHIST").
    private const long HistoryTableLock = 0x4D49_4752_4849_5354;

    /// <summary>Applies pending migrations when <see cref="DatabaseOptions.MigrateOnStartup"/> asks for it.</summary>
    public static async Task MigrateDatabaseAsync(this IHost app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            return;
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        // EF's migrator reads the history table before it creates it, so a new database's first start logged a failed
        // command (dotnet/efcore#37328) that looked like a broken install. The table is made first, by one instance.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({HistoryTableLock})");
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
            await transaction.CommitAsync();
        }

        await db.Database.MigrateAsync();
    }
}
