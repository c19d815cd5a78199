using System.Linq.Expressions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// The list's filtering, search and sorting as IQueryable composition, shared by the page and the CSV export so the
/// two can never disagree. Everything here translates to SQL; nothing is evaluated in memory.
/// </summary>
internal static class ConnectionQueries
{
    public static IQueryable<Connection> Matching(
        this IQueryable<Connection> connections, string? search, ConnectionFilters filters, DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        if (TextSearch.ContainsPattern(search?.ToLowerInvariant()) is { } searchPattern)
        {
            connections = connections.Where(c => EF.Functions.Like(c.SearchText, searchPattern, TextSearch.EscapeCharacter));
        }

        if (filters.Statuses.Count > 0)
        {
            var statuses = filters.Statuses.ToArray();
            connections = connections.Where(c => statuses.Contains(c.Status));
        }

        if (filters.Providers.Count > 0)
        {
            var providers = filters.Providers.ToArray();
            connections = connections.Where(c => c.ProviderId != null && providers.Contains(c.ProviderId));
        }

        if (filters.Types.Count > 0)
        {
            var types = filters.Types.ToArray();
            connections = connections.Where(c => types.Contains(c.ConnectionType));
        }

        if (TextSearch.ContainsPattern(filters.Company) is { } company)
        {
            connections = connections.Where(c =>
                EF.Functions.ILike(c.CompanyName!, company, TextSearch.EscapeCharacter) ||
                EF.Functions.ILike(c.CompanyId!, company, TextSearch.EscapeCharacter));
        }

        if (TextSearch.ContainsPattern(filters.ConnectionId) is { } connectionId)
        {
            connections = connections.Where(c => EF.Functions.ILike(c.FinchConnectionId!, connectionId, TextSearch.EscapeCharacter));
        }

        if (TextSearch.ContainsPattern(filters.Customer) is { } customer)
        {
            connections = connections.Where(c =>
                EF.Functions.ILike(c.CustomerName!, customer, TextSearch.EscapeCharacter) ||
                EF.Functions.ILike(c.CustomerId!, customer, TextSearch.EscapeCharacter));
        }

        if (filters.EmployerId is { } employerId)
        {
            connections = connections.Where(c => c.EmployerId == employerId);
        }

        if (filters.MinEntities is { } min)
        {
            connections = connections.Where(c => c.ActiveEntityCount >= min);
        }

        if (filters.MaxEntities is { } max)
        {
            connections = connections.Where(c => c.ActiveEntityCount <= max);
        }

        if (filters.LastSynced is { From: var syncedFrom, To: var syncedTo })
        {
            if (syncedFrom is { } from)
            {
                connections = connections.Where(c => c.LastSyncedAt >= from);
            }

            if (syncedTo is { } to)
            {
                connections = connections.Where(c => c.LastSyncedAt <= to);
            }
        }

        if (filters.Connected is { From: var connectedFrom, To: var connectedTo })
        {
            if (connectedFrom is { } from)
            {
                connections = connections.Where(c => c.ConnectedAt >= from);
            }

            if (connectedTo is { } to)
            {
                connections = connections.Where(c => c.ConnectedAt <= to);
            }
        }

        if (filters.ActionNeeded)
        {
            connections = connections.NeedingAction(now, thresholds);
        }

        if (filters.SyncOverdue)
        {
            // Every overdue connection, also those whose banner kind is a worse one (first match wins there).
            connections = connections.Where(ActionNeeded.SyncOverdueOf(now, thresholds));
        }

        return connections;
    }

    public static IQueryable<Connection> NeedingAction(this IQueryable<Connection> connections, DateTimeOffset now, ActionNeededThresholds thresholds) =>
        connections.Where(ActionNeeded.NeedsActionAt(now, thresholds));

    /// <summary>The distinct providers of these connections, by name, for a provider pick-list.</summary>
    public static async Task<IReadOnlyList<(string Id, string Name)>> ProvidersAsync(this IQueryable<Connection> connections, CancellationToken cancellationToken)
    {
        var providers = await connections
            .Where(c => c.ProviderId != null)
            .GroupBy(c => c.ProviderId!)
            .Select(g => new { Id = g.Key, Name = g.Max(c => c.ProviderName) })
            .OrderBy(p => p.Name)
            .ToListAsync(cancellationToken);
        return providers.Select(p => (p.Id, p.Name ?? p.Id)).ToList();
    }

    /// <summary>Connections needing action with the kind <see cref="ActionNeeded.KindAt"/> gives them, worked out in SQL.</summary>
    public static IQueryable<ConnectionNeedingAction> WithActionNeeded(
        this IQueryable<Connection> connections, DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        // The domain's kind put into the initializer; EF Core inlines the invoked lambda, so this is one SQL query.
        Expression<Func<Connection, ActionNeededKind?, ConnectionNeedingAction>> withKind =
            (c, kind) => new ConnectionNeedingAction { Connection = c, Kind = kind!.Value };
        var kindAt = ActionNeeded.KindAt(now, thresholds);
        var connection = kindAt.Parameters[0];
        return connections.NeedingAction(now, thresholds).Select(Expression.Lambda<Func<Connection, ConnectionNeedingAction>>(
            Expression.Invoke(withKind, connection, kindAt.Body), connection));
    }

    /// <summary>How many of these connections need each kind of action: the banner's figures.</summary>
    public static async Task<ActionNeededSummary> ActionNeededSummaryAsync(
        this IQueryable<Connection> connections, DateTimeOffset now, ActionNeededThresholds thresholds, CancellationToken cancellationToken)
    {
        var byKind = await connections
            .WithActionNeeded(now, thresholds)
            .GroupBy(c => c.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        return new ActionNeededSummary(byKind);
    }

    public static IQueryable<Connection> SortedBy(this IQueryable<Connection> connections, ConnectionSortColumn column, bool descending) =>
        ConnectionColumn.Of(column).Sort(connections, descending);

    public static IQueryable<ConnectionRow> AsRows(this IQueryable<Connection> connections) =>
        connections.Select(c => new ConnectionRow(
            c.Id, c.EmployerId, c.State, c.FinchConnectionId, c.CompanyId, c.CompanyName, c.CustomerId, c.CustomerName,
            c.ActiveEntityCount, c.Status, c.StatusMessage, c.StatusChangedAt, c.LastSyncedAt, c.ConnectionType,
            c.ConnectedAt, c.DisconnectedAt, c.ProviderId, c.ProviderName, c.Products, c.SessionId, c.SessionExpiresAt,
            c.SessionProgress, c.CreatedAt, c.RefreshedAt, c.DisconnectedBy, c.DisconnectReason));
}
