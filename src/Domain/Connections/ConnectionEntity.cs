namespace FinchDashboard.Domain.Connections;

/// <summary>
/// One company (entity) inside a connection. Disconnected entities stay as history, as /introspect keeps them. Its
/// status changes through its connection, which keeps the count of active entities. Two loads of the same entity are
/// equal: lists keyed by item (MudTable's rows) keep their row, and the checkbox in it, across a reload.
/// </summary>
public sealed class ConnectionEntity : IEquatable<ConnectionEntity>
{
    private static readonly string DisconnectedStatus = ConnectionStatus.Disconnected.WireName();

    public ConnectionEntity(Guid id, Guid connectionId, Guid employerId, string finchEntityId, string? name, string? sourceId, string status)
    {
        Id = id;
        ConnectionId = connectionId;
        EmployerId = employerId;
        FinchEntityId = finchEntityId;
        Name = name;
        SourceId = sourceId;
        Status = status;
    }

    public Guid Id { get; private set; }

    public Guid ConnectionId { get; private set; }

    public Guid EmployerId { get; private set; }

    public string FinchEntityId { get; private set; }

    public string? Name { get; private set; }

    public string? SourceId { get; private set; }

    /// <summary>Finch's entity status: a connection status value ("connected", "reauth", ...) or "disconnected".</summary>
    public string Status { get; private set; }

    /// <summary>When Finch reported <see cref="Status"/>; older reports (out-of-order webhooks) are not applied.</summary>
    public DateTimeOffset? StatusReportedAt { get; private set; }

    /// <summary>When and by whom it was disconnected through the dashboard (/disconnect-entity).</summary>
    public DateTimeOffset? DisconnectedAt { get; private set; }

    public string? DisconnectedBy { get; private set; }

    /// <summary>Still part of the connection: anything but disconnected (an entity in reauth still counts).</summary>
    public bool IsActive => Status != DisconnectedStatus;

    /// <summary>What /introspect reports; a name or source id it leaves out is kept.</summary>
    internal void Apply(IntrospectedEntity reported)
    {
        Name = reported.Name ?? Name;
        SourceId = reported.SourceId ?? SourceId;
        Status = reported.Status;
    }

    internal void ReportStatus(ConnectionStatus status, DateTimeOffset reportedAt)
    {
        Status = status.WireName();
        StatusReportedAt = reportedAt;
    }

    internal void Disconnect(string by, DateTimeOffset at)
    {
        Status = DisconnectedStatus;
        StatusReportedAt = at;
        DisconnectedAt = at;
        DisconnectedBy = by;
    }

    public bool Equals(ConnectionEntity? other) => other is not null && other.Id == Id;

    public override bool Equals(object? obj) => Equals(obj as ConnectionEntity);

    public override int GetHashCode() => Id.GetHashCode();
}

/// <summary>One way the connection authenticates with the provider, with its own status (introspect).</summary>
public sealed class ConnectionAuthenticationMethod
{
    public ConnectionAuthenticationMethod(
        Guid id, Guid connectionId, Guid employerId, AuthenticationMethodType type, ConnectionStatus status, string? statusMessage,
        DateTimeOffset? lastSuccessfulSync, string[] products)
    {
        Id = id;
        ConnectionId = connectionId;
        EmployerId = employerId;
        Type = type;
        Status = status;
        StatusMessage = statusMessage;
        LastSuccessfulSync = lastSuccessfulSync;
        Products = products;
    }

    public Guid Id { get; private set; }

    public Guid ConnectionId { get; private set; }

    public Guid EmployerId { get; private set; }

    public AuthenticationMethodType Type { get; private set; }

    public ConnectionStatus Status { get; private set; }

    public string? StatusMessage { get; private set; }

    public DateTimeOffset? LastSuccessfulSync { get; private set; }

    public string[] Products { get; private set; }

    /// <summary>A status Finch reported for this method in a webhook, which carries no message.</summary>
    public void ReportStatus(ConnectionStatus status) => Status = status;

    /// <summary>The connection was disconnected: so is each way it authenticated.</summary>
    public void Disconnect()
    {
        Status = ConnectionStatus.Disconnected;
        StatusMessage = null;
    }
}

/// <summary>Something that happened to a connection: the connection page's timeline.</summary>
public sealed class ConnectionEvent
{
    public Guid Id { get; init; }

    public Guid ConnectionId { get; init; }

    public Guid EmployerId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public required string Summary { get; init; }

    /// <summary>Who caused it: a user's display name, or "Finch" for what Finch reported.</summary>
    public required string Actor { get; init; }
}
