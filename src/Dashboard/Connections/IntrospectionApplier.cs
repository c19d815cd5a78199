using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Finch;
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
        }

        connection.MarkNeedsReauth(failure.Error?.Message ?? "The employer must reconnect through Finch Connect.", now);
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
        var report = Report(introspection);
        var changes = new List<string>();
        if (report.Status is { } status && status != connection.Status)
        {
            changes.Add($"Status changed from {connection.Status.DisplayName()} to {status.DisplayName()}");
        }

        foreach (var reported in report.Entities)
        {
            if (entities.FirstOrDefault(e => e.FinchEntityId == reported.FinchEntityId) is { } existing && existing.Status != reported.Status)
            {
                changes.Add($"Entity {reported.Name ?? reported.FinchEntityId} is now {reported.Status}");
            }
        }

        var added = connection.ApplyIntrospection(report, companyLegalName, entities, now);
        if (added.Count > 0)
        {
            changes.Add(added.Count == 1 ? $"Entity {added[0].Name ?? added[0].FinchEntityId} added" : $"{added.Count} entities added");
        }

        var newMethods = introspection.AuthenticationMethods
            .Where(m => ConnectionTypes.TryParseAuthenticationMethod(m.Type, out _))
            .Select(m =>
            {
                ConnectionTypes.TryParseAuthenticationMethod(m.Type, out var type);
                return new ConnectionAuthenticationMethod(
                    Guid.CreateVersion7(now), connection.Id, connection.EmployerId, type,
                    ConnectionStatuses.TryParseWireName(m.ConnectionStatus?.Status, out var methodStatus) ? methodStatus : connection.Status,
                    m.ConnectionStatus?.Message, m.ConnectionStatus?.LastSuccessfulSync, (m.Products ?? []).ToArray());
            })
            .ToList();

        return new IntrospectionChanges(added, newMethods, methods, changes.Count == 0 ? null : string.Join("; ", changes));
    }

    /// <summary>The introspection in the domain's terms; an entity without a status is connected.</summary>
    private static ConnectionIntrospection Report(FinchIntrospection introspection)
    {
        var methodTypes = introspection.AuthenticationMethods
            .Select(m => ConnectionTypes.TryParseAuthenticationMethod(m.Type, out var type) ? type : (AuthenticationMethodType?)null)
            .OfType<AuthenticationMethodType>()
            .ToList();
        var lastSync = new[] { introspection.ConnectionStatus.LastSuccessfulSync }
            .Concat(introspection.AuthenticationMethods.Select(m => m.ConnectionStatus?.LastSuccessfulSync))
            .Max();
        return new ConnectionIntrospection(
            introspection.ConnectionId,
            ConnectionStatuses.TryParseWireName(introspection.ConnectionStatus.Status, out var status) ? status : null,
            introspection.ConnectionStatus.Message,
            introspection.CompanyId,
            introspection.ProviderId,
            introspection.Products,
            introspection.CustomerId,
            introspection.CustomerName,
            ConnectionTypes.From(methodTypes),
            lastSync,
            [.. (introspection.Entities ?? []).Select(e => new IntrospectedEntity(e.Id, e.Name, e.SourceId, e.Status ?? ConnectionStatus.Connected.WireName()))],
            new IntrospectedAccount(introspection.ConnectionType, introspection.Manual, introspection.Username))
        {
            Environment = FinchEnvironments.FromClientType(introspection.ClientType),
        };
    }
}
