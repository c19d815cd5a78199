using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>Rows to add or remove after applying an introspection, and a sentence for the timeline when anything changed.</summary>
public sealed record IntrospectionChanges(
    IReadOnlyList<ConnectionEntity> AddedEntities,
    IReadOnlyList<ConnectionAuthenticationMethod> AddedMethods,
    IReadOnlyList<ConnectionAuthenticationMethod> RemovedMethods,
    string? Summary);

/// <summary>Copies what /introspect reports onto the stored connection, its entities and its authentication methods.</summary>
public static class IntrospectionApplier
{
    /// <summary>
    /// Applies an introspection (and, for a connected connection, the company's legal name) to the connection and its
    /// rows, staging the changes on <paramref name="db"/>. <paramref name="replaceEntities"/> drops the stored entities
    /// first, for rows that did not come from Finch. Returns a sentence for the timeline when anything changed.
    /// </summary>
    public static async Task<string?> ApplyAsync(
        DashboardDbContext db, Connection connection, FinchConnectionClient finch, FinchAccessToken token,
        FinchIntrospection introspection, DateTimeOffset now, bool replaceEntities, CancellationToken cancellationToken)
    {
        var entities = await db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        if (replaceEntities)
        {
            db.ConnectionEntities.RemoveRange(entities);
            entities = [];
        }

        var methods = await db.ConnectionAuthenticationMethods.Where(m => m.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        var companyName = await CompanyNameAsync(finch, token, introspection, cancellationToken);
        var changes = Apply(connection, entities, methods, introspection, companyName, now);
        db.ConnectionEntities.AddRange(changes.AddedEntities);
        db.ConnectionAuthenticationMethods.RemoveRange(changes.RemovedMethods);
        db.ConnectionAuthenticationMethods.AddRange(changes.AddedMethods);
        return changes.Summary;
    }

    /// <summary>
    /// Finch's 401 <c>reauthenticate_user</c> from /introspect is news about the connection, not just a failed call:
    /// the connection becomes Re-auth, with a timeline entry when that is a change.
    /// </summary>
    public static void ApplyReauthenticationRequired(
        DashboardDbContext db, Connection connection, FinchFailure.ReauthenticationRequired failure, DateTimeOffset now)
    {
        if (connection.Status != ConnectionStatus.Reauth)
        {
            db.ConnectionEvents.Add(Timeline.Event(connection, now, $"Status changed from {connection.Status.DisplayName()} to Re-auth: Finch asked for the employer to reconnect", "Finch"));
            connection.Status = ConnectionStatus.Reauth;
            connection.StatusChangedAt = now;
        }

        connection.StatusMessage = failure.Error?.Message ?? "The employer must reconnect through Finch Connect.";
        connection.RefreshedAt = now;
    }

    /// <summary>The company's legal name, asked only of a connected connection: data calls on others answer 202 or 401.</summary>
    private static async Task<string?> CompanyNameAsync(
        FinchConnectionClient finch, FinchAccessToken token, FinchIntrospection introspection, CancellationToken cancellationToken)
    {
        if (introspection.ConnectionStatus.Status != ConnectionStatus.Connected.WireName())
        {
            return null;
        }

        var company = await finch.GetCompanyAsync(token, cancellationToken: cancellationToken);
        return company.IsSuccess ? company.Value.LegalName : null;
    }

    public static IntrospectionChanges Apply(
        Connection connection,
        IReadOnlyList<ConnectionEntity> entities,
        IReadOnlyList<ConnectionAuthenticationMethod> methods,
        FinchIntrospection introspection,
        string? companyLegalName,
        DateTimeOffset now)
    {
        var changes = new List<string>();
        var previousStatus = connection.Status;
        if (ConnectionStatuses.TryParseWireName(introspection.ConnectionStatus.Status, out var status) && status != connection.Status)
        {
            changes.Add($"Status changed from {previousStatus.DisplayName()} to {status.DisplayName()}");
            connection.Status = status;
            connection.StatusChangedAt = now;
        }

        // What /introspect says now outranks any webhook signed before it that is still on its way.
        connection.StatusReportedAt = now;
        connection.StatusMessage = introspection.ConnectionStatus.Message;
        connection.FinchConnectionId = introspection.ConnectionId;
        connection.CompanyId = introspection.CompanyId ?? connection.CompanyId;
        connection.ProviderId = introspection.ProviderId;
        connection.Products = introspection.Products.ToArray();
        connection.CustomerId = introspection.CustomerId ?? connection.CustomerId;
        connection.CustomerName = introspection.CustomerName ?? connection.CustomerName;

        var methodTypes = introspection.AuthenticationMethods
            .Select(m => ConnectionTypes.TryParseAuthenticationMethod(m.Type, out var type) ? type : (AuthenticationMethodType?)null)
            .OfType<AuthenticationMethodType>()
            .ToList();
        connection.ConnectionType = ConnectionTypes.From(methodTypes);

        var lastSync = new[] { introspection.ConnectionStatus.LastSuccessfulSync }
            .Concat(introspection.AuthenticationMethods.Select(m => m.ConnectionStatus?.LastSuccessfulSync))
            .Max();
        connection.LastSyncedAt = lastSync ?? connection.LastSyncedAt;

        var added = new List<ConnectionEntity>();
        foreach (var reported in introspection.Entities ?? [])
        {
            var entityStatus = reported.Status ?? "connected";
            var existing = entities.FirstOrDefault(e => e.FinchEntityId == reported.Id);
            if (existing is null)
            {
                added.Add(new ConnectionEntity
                {
                    Id = Guid.CreateVersion7(now),
                    ConnectionId = connection.Id,
                    EmployerId = connection.EmployerId,
                    FinchEntityId = reported.Id,
                    Name = reported.Name,
                    SourceId = reported.SourceId,
                    Status = entityStatus,
                });
                continue;
            }

            if (existing.Status != entityStatus)
            {
                changes.Add($"Entity {reported.Name ?? reported.Id} is now {entityStatus}");
            }

            existing.Name = reported.Name ?? existing.Name;
            existing.SourceId = reported.SourceId ?? existing.SourceId;
            existing.Status = entityStatus;
        }

        if (added.Count > 0)
        {
            changes.Add(added.Count == 1 ? $"Entity {added[0].Name ?? added[0].FinchEntityId} added" : $"{added.Count} entities added");
        }

        var activeEntities = entities.Concat(added).Where(e => e.IsActive).ToList();
        connection.ActiveEntityCount = activeEntities.Count;
        // Kept even for multi-entity connections, where the list shows "Multi-entity connection" but search still finds it.
        // A failed company read (a 429, say) keeps the name already known: the legal name may differ from the entity's,
        // and the name shown, searched and typed to confirm a disconnect should not change with Finch's rate limits.
        connection.CompanyName = companyLegalName ?? connection.CompanyName ?? activeEntities.FirstOrDefault()?.Name;
        connection.RefreshedAt = now;

        var newMethods = introspection.AuthenticationMethods
            .Where(m => ConnectionTypes.TryParseAuthenticationMethod(m.Type, out _))
            .Select(m =>
            {
                ConnectionTypes.TryParseAuthenticationMethod(m.Type, out var type);
                return new ConnectionAuthenticationMethod
                {
                    Id = Guid.CreateVersion7(now),
                    ConnectionId = connection.Id,
                    EmployerId = connection.EmployerId,
                    Type = type,
                    Status = ConnectionStatuses.TryParseWireName(m.ConnectionStatus?.Status, out var methodStatus) ? methodStatus : connection.Status,
                    StatusMessage = m.ConnectionStatus?.Message,
                    LastSuccessfulSync = m.ConnectionStatus?.LastSuccessfulSync,
                    Products = (m.Products ?? []).ToArray(),
                };
            })
            .ToList();

        return new IntrospectionChanges(added, newMethods, methods, changes.Count == 0 ? null : string.Join("; ", changes));
    }
}
