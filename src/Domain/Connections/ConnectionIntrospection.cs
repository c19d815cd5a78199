using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Domain.Connections;

/// <summary>What Finch's /introspect reports about a connection, in the dashboard's terms.</summary>
/// <param name="Status">Null when Finch sends a status the dashboard does not know: the one held stays.</param>
public sealed record ConnectionIntrospection(
    string FinchConnectionId,
    ConnectionStatus? Status,
    string? StatusMessage,
    string? CompanyId,
    string? ProviderId,
    IReadOnlyList<string> Products,
    string? CustomerId,
    string? CustomerName,
    ConnectionType ConnectionType,
    DateTimeOffset? LastSyncedAt,
    IReadOnlyList<IntrospectedEntity> Entities)
{
    /// <summary>The environment Finch says the connection lives in (its <c>client_type</c>); null when unknown.</summary>
    public FinchEnvironment? Environment { get; init; }
}

/// <summary>One entity as /introspect reports it; <see cref="Status"/> is Finch's word for it, known to us or not.</summary>
public sealed record IntrospectedEntity(string FinchEntityId, string? Name, string? SourceId, string Status);
