using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Tokens;

/// <summary>Stores and reads connections' access tokens, sealed at rest, within a context the caller scoped.</summary>
public sealed class ConnectionTokens(AccessTokenProtector protector, TimeProvider clock)
{
    /// <summary>Adds or replaces the connection's token (a reauth hands us a new one; the old one is discarded).</summary>
    public async Task StoreAsync(DashboardDbContext db, Guid connectionId, Guid employerId, FinchAccessToken token, CancellationToken cancellationToken = default)
    {
        var sealedToken = protector.Seal(token, connectionId);
        var stored = await db.AccessTokens.SingleOrDefaultAsync(t => t.ConnectionId == connectionId, cancellationToken);
        if (stored is null)
        {
            db.AccessTokens.Add(new StoredAccessToken
            {
                ConnectionId = connectionId,
                EmployerId = employerId,
                KeyId = sealedToken.KeyId,
                Ciphertext = sealedToken.Ciphertext,
                StoredAt = clock.GetUtcNow(),
            });
        }
        else
        {
            stored.KeyId = sealedToken.KeyId;
            stored.Ciphertext = sealedToken.Ciphertext;
            stored.StoredAt = clock.GetUtcNow();
        }
    }

    public async Task<FinchAccessToken?> FindAsync(DashboardDbContext db, Guid connectionId, CancellationToken cancellationToken = default)
    {
        var stored = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.ConnectionId == connectionId, cancellationToken);
        return stored is null ? null : protector.Open(new SealedAccessToken(stored.KeyId, stored.Ciphertext), connectionId);
    }

    /// <summary>
    /// Discards the token material, e.g. after /disconnect: nothing is kept that could call Finch again. Runs inside the
    /// caller's transaction and, like every save, locks the connection first (<see cref="ConnectionSaveLock"/>): the
    /// webhook processor discards tokens of connections it has locked, and a delete that took the token row before the
    /// connection would deadlock with it.
    /// </summary>
    public async Task DiscardAsync(DashboardDbContext db, Guid connectionId, CancellationToken cancellationToken = default)
    {
        await ConnectionSaveLock.LockAsync(db.Database, [connectionId], cancellationToken);
        await db.AccessTokens.Where(t => t.ConnectionId == connectionId).ExecuteDeleteAsync(cancellationToken);
    }
}
