using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// One row of the connections list or CSV export. Never carries a token. <see cref="DisconnectedBy"/> and
/// <see cref="DisconnectReason"/>: who ended a disconnected connection (a dashboard user, or Finch) and why.
/// </summary>
public sealed record ConnectionRow(
    Guid Id,
    Guid EmployerId,
    ConnectionState State,
    string? FinchConnectionId,
    string? CompanyId,
    string? CompanyName,
    string? CustomerId,
    string? CustomerName,
    int ActiveEntityCount,
    ConnectionStatus Status,
    string? StatusMessage,
    DateTimeOffset StatusChangedAt,
    DateTimeOffset? LastSyncedAt,
    ConnectionType ConnectionType,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? DisconnectedAt,
    string? ProviderId,
    string? ProviderName,
    string[] Products,
    string? SessionId,
    DateTimeOffset? SessionExpiresAt,
    ConnectSessionProgress? SessionProgress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RefreshedAt,
    string? DisconnectedBy,
    string? DisconnectReason)
{
    public bool IsMultiEntity => ActiveEntityCount > 1;
}
