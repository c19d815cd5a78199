using System.Runtime.CompilerServices;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Every save that touches a connection's rows first locks those connections, in id order, inside the save's
/// transaction. EF writes a save's tables in its own order (entities before their connection, say), while the webhook
/// processor locks a batch's connections before touching their rows; two writers taking the same rows in different
/// orders deadlock. With the connection always locked first, the second writer waits for the first instead.
/// Saves outside a transaction get one, begun here and committed once the save succeeds.
/// </summary>
public sealed class ConnectionSaveLock : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context)
        {
            return result;
        }

        var connectionIds = PendingConnectionChanges.In(context).Select(c => c.ConnectionId).Distinct().Order().ToArray();
        if (connectionIds.Length == 0)
        {
            return result;
        }

        if (context.Database.CurrentTransaction is null)
        {
            _owned.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken));
        }

        await LockAsync(context.Database, connectionIds, cancellationToken);
        return result;
    }

    /// <summary>
    /// Locks the connections until the current transaction ends. Writes that bypass SaveChanges (ExecuteDelete) call it
    /// themselves before touching a connection's rows.
    /// </summary>
    public static async Task LockAsync(DatabaseFacade database, Guid[] connectionIds, CancellationToken cancellationToken)
    {
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A connection lock outside a transaction would end with its statement and order nothing.");
        }

        await database.ExecuteSqlAsync(
            $"SELECT id FROM connections WHERE id = ANY({connectionIds}) ORDER BY id FOR NO KEY UPDATE", cancellationToken);
    }

    /// <summary>
    /// Locks the connections holding <paramref name="finchConnectionIds"/> as <see cref="LockAsync"/> does, in one
    /// statement that also loads them, tracked, by Finch connection id: the webhook processor's lock for a batch.
    /// </summary>
    public static Task<Dictionary<string, Connection>> LockByFinchIdAsync(
        DashboardDbContext db, string[] finchConnectionIds, CancellationToken cancellationToken) =>
        db.Connections
            .FromSql($"SELECT * FROM connections WHERE finch_connection_id = ANY({finchConnectionIds}) ORDER BY id FOR NO KEY UPDATE")
            .IgnoreQueryFilters()
            .ToDictionaryAsync(c => c.FinchConnectionId!, cancellationToken);

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _owned.TryGetValue(context, out var transaction))
        {
            _owned.Remove(context);
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _owned.TryGetValue(context, out var transaction))
        {
            _owned.Remove(context);
            await using (transaction)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
        }
    }
}
