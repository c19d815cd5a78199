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

    /// <summary>
    /// When Finch reported the status we hold (an introspection's time, a webhook's timestamp). A report older than
    /// this is stale and must not move the status backwards.
    /// </summary>
    public DateTimeOffset? StatusReportedAt { get; set; }

    public ConnectionType ConnectionType { get; set; }

    public int ActiveEntityCount { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public DateTimeOffset? ConnectedAt { get; set; }

    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>Who disconnected it from the dashboard, and why; null when Finch or the employer ended it.</summary>
    public string? DisconnectedBy { get; set; }

    public string? DisconnectReason { get; set; }

    public string[] Products { get; set; } = [];

    public string? SessionId { get; set; }

    public DateTimeOffset? SessionExpiresAt { get; set; }

    public ConnectSessionProgress? SessionProgress { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When /introspect was last read for this connection.</summary>
    public DateTimeOffset? RefreshedAt { get; set; }

    /// <summary>When the background health check last called /introspect for this connection.</summary>
    public DateTimeOffset? HealthCheckedAt { get; set; }

    /// <summary>Health checks failed in a row; 0 after a success.</summary>
    public int HealthFailureCount { get; set; }

    /// <summary>The last failed health check's kind and message, kept until a check succeeds.</summary>
    public HealthCheckFailureKind? LastHealthFailureKind { get; set; }

    public string? LastHealthFailureMessage { get; set; }

    /// <summary>Support's last contact with the employer about this connection, and when to follow up. Internal.</summary>
    public DateTimeOffset? ContactedAt { get; set; }

    public string? ContactedBy { get; set; }

    public DateOnly? FollowUpOn { get; set; }

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
