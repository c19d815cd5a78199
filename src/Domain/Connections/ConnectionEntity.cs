namespace FinchDashboard.Domain.Connections;

/// <summary>
/// One company (entity) inside a connection. Disconnected entities stay as history, as /introspect keeps them.
/// </summary>
public sealed class ConnectionEntity
{
    public Guid Id { get; init; }

    public Guid ConnectionId { get; init; }

    public Guid EmployerId { get; init; }

    public required string FinchEntityId { get; init; }

    public string? Name { get; set; }

    public string? SourceId { get; set; }

    /// <summary>Finch's entity status: a connection status value ("connected", "reauth", ...) or "disconnected".</summary>
    public required string Status { get; set; }

    /// <summary>When Finch reported <see cref="Status"/>; older reports (out-of-order webhooks) are not applied.</summary>
    public DateTimeOffset? StatusReportedAt { get; set; }

    /// <summary>When and by whom it was disconnected through the dashboard (/disconnect-entity).</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    public string? DisconnectedBy { get; set; }

    /// <summary>Still part of the connection: anything but disconnected (an entity in reauth still counts).</summary>
    public bool IsActive => Status != "disconnected";
}

/// <summary>One way the connection authenticates with the provider, with its own status (introspect).</summary>
public sealed class ConnectionAuthenticationMethod
{
    public Guid Id { get; init; }

    public Guid ConnectionId { get; init; }

    public Guid EmployerId { get; init; }

    public AuthenticationMethodType Type { get; init; }

    public ConnectionStatus Status { get; set; }

    public string? StatusMessage { get; set; }

    public DateTimeOffset? LastSuccessfulSync { get; set; }

    public string[] Products { get; set; } = [];
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
