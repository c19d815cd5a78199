using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>One connection as its employer sees it: no Finch ids beyond the one support may ask for, no internal notes.</summary>
public sealed record EmployerConnectionCard(
    Guid Id,
    ConnectionState State,
    string? CompanyName,
    string? ProviderName,
    ConnectionStatus Status,
    string? StatusMessage,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? DisconnectedAt,
    string[] Products,
    string? FinchConnectionId,
    IReadOnlyList<EmployerEntityLine> Entities);

public sealed record EmployerEntityLine(string Name, bool IsActive);

public sealed record EmployerConnections(Guid EmployerId, string EmployerName, IReadOnlyList<EmployerConnectionCard> Connections);

/// <summary>
/// "Your connections" for employer admins: every employer in the caller's scope (several for a PEO admin) with its
/// live and past connections and their entities. Read through the caller's scope like every other list.
/// </summary>
public sealed class EmployerOverview(EmployerData data)
{
    /// <summary>Employers with more than this many connections belong in the full list, not on cards.</summary>
    public const int MaxConnectionsPerEmployer = 50;

    public async Task<IReadOnlyList<EmployerConnections>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var employers = await db.Employers.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).Take(50).ToListAsync(cancellationToken);
        var employerIds = employers.Select(e => e.Id).ToList();
        var connections = await db.Connections.AsNoTracking()
            .Where(c => employerIds.Contains(c.EmployerId) && c.State != ConnectionState.Staged)
            .OrderByDescending(c => c.ConnectedAt)
            .Select(c => new
            {
                c.EmployerId, c.Id, c.State, c.CompanyName, c.ProviderName, c.ProviderId, c.Status, c.StatusMessage, c.LastSyncedAt,
                c.ConnectedAt, c.DisconnectedAt, c.Products, c.FinchConnectionId,
            })
            .ToListAsync(cancellationToken);
        var connectionIds = connections.Select(c => c.Id).ToList();
        var entities = (await db.ConnectionEntities.AsNoTracking()
                .Where(e => connectionIds.Contains(e.ConnectionId))
                .OrderBy(e => e.Name)
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ConnectionId, e => new EmployerEntityLine(e.Name ?? "Unnamed entity", e.IsActive));

        var byEmployer = connections.ToLookup(c => c.EmployerId);
        return employers.Select(e => new EmployerConnections(e.Id, e.Name, byEmployer[e.Id]
                .Take(MaxConnectionsPerEmployer)
                .Select(c => new EmployerConnectionCard(c.Id, c.State, c.CompanyName, c.ProviderName ?? c.ProviderId, c.Status, c.StatusMessage,
                    c.LastSyncedAt, c.ConnectedAt, c.DisconnectedAt, c.Products, c.FinchConnectionId, entities[c.Id].ToList()))
                .ToList()))
            .ToList();
    }
}
