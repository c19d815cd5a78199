using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Live;

/// <summary>
/// Changes heard together, one per connection. <see cref="Sequence"/> names a batch exactly as the feed delivered it, so
/// pages of the same employers can share one read of it; a batch a page put together itself (merged while it was busy,
/// or caught up after being hidden) has none and is read on its own.
/// </summary>
public sealed record ConnectionChangeBatch(long? Sequence, IReadOnlyList<ConnectionChange> Changes)
{
    public ConnectionChangeKind What { get; } = Changes.Aggregate(ConnectionChangeKind.None, (what, c) => what | c.What);

    public bool Touches(ConnectionChangeKind kinds) => (What & kinds) != 0;
}
