using FinchDashboard.Domain.Access;

namespace FinchDashboard.Domain.Connections;

/// <summary>
/// Something about this connection changed, and roughly what (<see cref="What"/>), so an open page can tell whether it
/// shows the change and whether its order, counts or banner can have moved. Carries ids only, never data: subscribers
/// read the connection again through their own scoped services.
/// </summary>
public readonly record struct ConnectionChange(Guid EmployerId, Guid ConnectionId, ConnectionChangeKind What)
{
    /// <summary>
    /// Whether a page of a caller with <paramref name="scope"/>, showing one connection or (null) any, should hear of
    /// this change. Pages hear nothing about employers outside their caller's scope, not even that something changed.
    /// </summary>
    public bool IsFor(EmployerScope scope, Guid? connectionId) =>
        scope.Includes(EmployerId) && (connectionId is null || connectionId == ConnectionId);

    /// <summary>Merges changes to the same connection, as one page hears a burst of them.</summary>
    public static IReadOnlyList<ConnectionChange> Merge(IEnumerable<ConnectionChange> changes) =>
        [.. changes
            .GroupBy(c => (c.EmployerId, c.ConnectionId))
            .Select(g => new ConnectionChange(g.Key.EmployerId, g.Key.ConnectionId, g.Aggregate(ConnectionChangeKind.None, (what, c) => what | c.What)))];
}

/// <summary>
/// What a change touched, in the terms the connections list cares about: whether it moves rows between tabs, changes a
/// value the list sorts, filters or counts by, only changes what a row shows, or only the connection's own page.
/// </summary>
[Flags]
public enum ConnectionChangeKind
{
    None = 0,

    /// <summary>A value a list row shows but nothing sorts, filters or counts by (a status message, the refresh time).</summary>
    Shown = 1,

    /// <summary>The connection was added, removed, or moved between Live, Staged and Disconnected.</summary>
    Tab = 2,

    /// <summary>Only what the connection's own page shows: entities, sign-in methods, timeline, notes, sessions, jobs.</summary>
    Details = 4,

    /// <summary>A linked bank account (its id stands where a connection's would).</summary>
    BankAccount = 8,

    /// <summary>The status or anything else the action-needed rule reads (and the status sort and filter).</summary>
    Status = 16,

    /// <summary>The last sync (its sort and filter, and the sync-overdue rule).</summary>
    Synced = 32,

    /// <summary>Any other value the list sorts, filters or searches by: names, ids, provider, type, entities, dates.</summary>
    Ordering = 64,

    /// <summary>Everything about a connection: what a new or removed one means to a page.</summary>
    Whole = Shown | Tab | Details | Status | Synced | Ordering,
}
