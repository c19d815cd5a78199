using System.Collections.Frozen;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// The connections whose rows a context's next SaveChanges adds, changes or removes, and what about them changed: what
/// the save must lock (<see cref="ConnectionSaveLock"/>) and what live pages must hear of afterwards.
/// </summary>
public static class PendingConnectionChanges
{
    // What each changed column of a connection means to an open list. A column not named here counts as Ordering, so a
    // new column the list comes to sort or filter by is never missed; at worst a page reads more than it needed.
    private static readonly FrozenDictionary<string, ConnectionChangeKind> ConnectionColumns = new Dictionary<string, ConnectionChangeKind>
    {
        [nameof(Connection.State)] = ConnectionChangeKind.Tab,
        [nameof(Connection.Status)] = ConnectionChangeKind.Status,
        [nameof(Connection.StatusChangedAt)] = ConnectionChangeKind.Status,
        [nameof(Connection.HealthFailureCount)] = ConnectionChangeKind.Status,
        [nameof(Connection.LastSyncedAt)] = ConnectionChangeKind.Synced,
        [nameof(Connection.StatusMessage)] = ConnectionChangeKind.Shown,
        [nameof(Connection.RefreshedAt)] = ConnectionChangeKind.Shown,
        [nameof(Connection.DisconnectedBy)] = ConnectionChangeKind.Shown,
        [nameof(Connection.DisconnectReason)] = ConnectionChangeKind.Shown,
        [nameof(Connection.Products)] = ConnectionChangeKind.Shown,
        [nameof(Connection.SessionId)] = ConnectionChangeKind.Shown,
        [nameof(Connection.SessionProgress)] = ConnectionChangeKind.Shown,
        [nameof(Connection.StatusReportedAt)] = ConnectionChangeKind.Details,
        [nameof(Connection.Environment)] = ConnectionChangeKind.Details,
        [nameof(Connection.NextSyncAllowedAt)] = ConnectionChangeKind.Details,
        [nameof(Connection.FinchConnectionType)] = ConnectionChangeKind.Details,
        [nameof(Connection.Manual)] = ConnectionChangeKind.Details,
        [nameof(Connection.Username)] = ConnectionChangeKind.Details,
        [nameof(Connection.HealthCheckedAt)] = ConnectionChangeKind.Details,
        [nameof(Connection.LastHealthFailureKind)] = ConnectionChangeKind.Details,
        [nameof(Connection.LastHealthFailureMessage)] = ConnectionChangeKind.Details,
        [nameof(Connection.ContactedAt)] = ConnectionChangeKind.Details,
        [nameof(Connection.ContactedBy)] = ConnectionChangeKind.Details,
        [nameof(Connection.FollowUpOn)] = ConnectionChangeKind.Details,
    }.ToFrozenDictionary();

    public static List<ConnectionChange> In(DbContext context) =>
        [.. ConnectionChange.Merge(context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(Describe)
            .OfType<ConnectionChange>())];

    private static ConnectionChange? Describe(EntityEntry entry) => entry.Entity switch
    {
        Connection c => new ConnectionChange(c.EmployerId, c.Id, WhatChanged(entry)),
        ConnectionEntity e => new ConnectionChange(e.EmployerId, e.ConnectionId, ConnectionChangeKind.Details),
        ConnectionAuthenticationMethod m => new ConnectionChange(m.EmployerId, m.ConnectionId, ConnectionChangeKind.Details),
        ConnectionEvent e => new ConnectionChange(e.EmployerId, e.ConnectionId, ConnectionChangeKind.Details),
        ConnectionNote n => new ConnectionChange(n.EmployerId, n.ConnectionId, ConnectionChangeKind.Details),
        IssuedConnectSession s => new ConnectionChange(s.EmployerId, s.ConnectionId, ConnectionChangeKind.Details),
        AutomatedJob j => new ConnectionChange(j.EmployerId, j.ConnectionId, ConnectionChangeKind.Details),
        // Bank accounts share the live feed: a page showing one hears of it by its id, as of a connection.
        BankAccount a => new ConnectionChange(a.EmployerId, a.Id, ConnectionChangeKind.BankAccount),
        _ => null,
    };

    private static ConnectionChangeKind WhatChanged(EntityEntry connection) => connection.State != EntityState.Modified
        ? ConnectionChangeKind.Whole
        : connection.Properties
            .Where(p => p.IsModified)
            .Aggregate(ConnectionChangeKind.None, (what, p) => what | ConnectionColumns.GetValueOrDefault(p.Metadata.Name, ConnectionChangeKind.Ordering));
}
