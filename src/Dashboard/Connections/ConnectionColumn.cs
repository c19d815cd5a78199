using System.Linq.Expressions;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// A column the connections list sorts by, declared once: its name in the URL, the row property the grid shows it
/// from, and the expression the query orders by. A new sortable column is one more entry in <see cref="All"/>.
/// </summary>
public abstract class ConnectionColumn(ConnectionSortColumn id, string name, string rowProperty)
{
    public static IReadOnlyList<ConnectionColumn> All { get; } =
    [
        Column(ConnectionSortColumn.Company, "company", nameof(ConnectionRow.CompanyName), c => c.CompanyName),
        Column(ConnectionSortColumn.ConnectionId, "connection_id", nameof(ConnectionRow.FinchConnectionId), c => c.FinchConnectionId),
        Column(ConnectionSortColumn.Customer, "customer", nameof(ConnectionRow.CustomerName), c => c.CustomerName),
        Column(ConnectionSortColumn.Entities, "entities", nameof(ConnectionRow.ActiveEntityCount), c => c.ActiveEntityCount),
        Column(ConnectionSortColumn.Status, "status", nameof(ConnectionRow.Status), c => c.Status),
        Column(ConnectionSortColumn.LastSynced, "last_synced", nameof(ConnectionRow.LastSyncedAt), c => c.LastSyncedAt),
        Column(ConnectionSortColumn.ConnectionType, "type", nameof(ConnectionRow.ConnectionType), c => c.ConnectionType),
        Column(ConnectionSortColumn.Connected, "connected", nameof(ConnectionRow.ConnectedAt), c => c.ConnectedAt),
        Column(ConnectionSortColumn.Provider, "provider", nameof(ConnectionRow.ProviderName), c => c.ProviderName),
        Column(ConnectionSortColumn.Created, "created", nameof(ConnectionRow.CreatedAt), c => c.CreatedAt),
        Column(ConnectionSortColumn.Expires, "expires", nameof(ConnectionRow.SessionExpiresAt), c => c.SessionExpiresAt),
        Column(ConnectionSortColumn.Disconnected, "disconnected", nameof(ConnectionRow.DisconnectedAt), c => c.DisconnectedAt),
    ];

    public ConnectionSortColumn Id { get; } = id;

    /// <summary>The column's name in the URL's <c>sort</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The <see cref="ConnectionRow"/> property the grid's column shows; the grid names its sort after it.</summary>
    public string RowProperty { get; } = rowProperty;

    public static ConnectionColumn Of(ConnectionSortColumn id) => All.Single(c => c.Id == id);

    public static ConnectionColumn? Named(string? name) => All.SingleOrDefault(c => c.Name == name);

    public static ConnectionColumn? ShownAs(string rowProperty) => All.SingleOrDefault(c => c.RowProperty == rowProperty);

    /// <summary>Orders by this column, then by id so paging is stable when values repeat.</summary>
    public abstract IQueryable<Connection> Sort(IQueryable<Connection> connections, bool descending);

    private static ConnectionColumn<TKey> Column<TKey>(
        ConnectionSortColumn id, string name, string rowProperty, Expression<Func<Connection, TKey>> key) => new(id, name, rowProperty, key);
}

/// <summary>A sortable column whose values are <typeparamref name="TKey"/>.</summary>
public sealed class ConnectionColumn<TKey>(ConnectionSortColumn id, string name, string rowProperty, Expression<Func<Connection, TKey>> key)
    : ConnectionColumn(id, name, rowProperty)
{
    public override IQueryable<Connection> Sort(IQueryable<Connection> connections, bool descending) =>
        descending
            ? connections.OrderByDescending(key).ThenByDescending(c => c.Id)
            : connections.OrderBy(key).ThenBy(c => c.Id);
}
