namespace FinchDashboard.Domain.Connections;

/// <summary>
/// One employer's link to one payroll or HRIS provider through Finch, from the Connect session that starts it
/// (Staged) through its life (Live) to its end (Disconnected). Fields hold what Finch last reported.
/// </summary>
public sealed class Connection
{
    public Guid Id { get; init; }

    public Guid EmployerId { get; init; }

    public ConnectionState State { get; set; }

    /// <summary>Finch's connection_id; null while staged.</summary>
    public string? FinchConnectionId { get; set; }

    public string? CompanyId { get; set; }

    public string? CompanyName { get; set; }

    /// <summary>Finch's customer_id and customer_name, as sent when the Connect session was created.</summary>
    public string? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? ProviderId { get; set; }

    public string? ProviderName { get; set; }

    public ConnectionStatus Status { get; set; }

    public string? StatusMessage { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public ConnectionType ConnectionType { get; set; }

    public int ActiveEntityCount { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public DateTimeOffset? ConnectedAt { get; set; }

    public DateTimeOffset? DisconnectedAt { get; set; }

    public string[] Products { get; set; } = [];

    public string? SessionId { get; set; }

    public DateTimeOffset? SessionExpiresAt { get; set; }

    public ConnectSessionProgress? SessionProgress { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When /introspect was last read for this connection.</summary>
    public DateTimeOffset? RefreshedAt { get; set; }

    /// <summary>Lower-cased company, customer and ids, maintained by the database for free-text search.</summary>
    public string SearchText { get; private set; } = "";

    public bool IsMultiEntity => ActiveEntityCount > 1;
}

/// <summary>How far the employer has got with a Connect session (seed 002, Authentication Progress).</summary>
public enum ConnectSessionProgress
{
    Created,
    Opened,
    Completed,
    Expired,
}
