using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// The connections whose rows a context's next SaveChanges adds, changes or removes: what the save must lock
/// (<see cref="ConnectionSaveLock"/>) and what live pages must hear of afterwards.
/// </summary>
public static class PendingConnectionChanges
{
    public static List<ConnectionChange> In(DbContext context) =>
        [.. context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(Describe)
            .OfType<ConnectionChange>()
            .Distinct()];

    private static ConnectionChange? Describe(EntityEntry entry) => entry.Entity switch
    {
        Connection c => new ConnectionChange(c.EmployerId, c.Id),
        ConnectionEntity e => new ConnectionChange(e.EmployerId, e.ConnectionId),
        ConnectionAuthenticationMethod m => new ConnectionChange(m.EmployerId, m.ConnectionId),
        ConnectionEvent e => new ConnectionChange(e.EmployerId, e.ConnectionId),
        ConnectionNote n => new ConnectionChange(n.EmployerId, n.ConnectionId),
        IssuedConnectSession s => new ConnectionChange(s.EmployerId, s.ConnectionId),
        AutomatedJob j => new ConnectionChange(j.EmployerId, j.ConnectionId),
        // Bank accounts share the live feed: a page showing one hears of it by its id, as of a connection.
        BankAccount a => new ConnectionChange(a.EmployerId, a.Id),
        _ => null,
    };
}
