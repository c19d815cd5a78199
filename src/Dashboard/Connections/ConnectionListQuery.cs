using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

public enum ConnectionSortColumn
{
    Company,
    ConnectionId,
    Customer,
    Entities,
    Status,
    LastSynced,
    ConnectionType,
    Connected,
    Provider,
    Created,
    Expires,
    Disconnected,
}

/// <summary>An inclusive range of instants; either end may be open.</summary>
public sealed record TimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public bool IsEmpty => From is null && To is null;
}

/// <summary>The "Add filter" choices: one optional condition per column, all of which must hold.</summary>
public sealed record ConnectionFilters
{
    public static ConnectionFilters None { get; } = new();

    public IReadOnlyList<ConnectionStatus> Statuses { get; init; } = [];

    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<ConnectionType> Types { get; init; } = [];

    public string? Company { get; init; }

    public string? ConnectionId { get; init; }

    public string? Customer { get; init; }

    public int? MinEntities { get; init; }

    public int? MaxEntities { get; init; }

    public TimeRange? LastSynced { get; init; }

    public TimeRange? Connected { get; init; }

    /// <summary>Only live connections that need action (the banner's "View now").</summary>
    public bool ActionNeeded { get; init; }
}

public sealed record ConnectionListQuery(
    ConnectionState Tab,
    string? Search,
    ConnectionFilters Filters,
    ConnectionSortColumn Sort,
    bool Descending,
    PageRequest Page);

/// <summary>One row of the connections list or CSV export. Never carries a token.</summary>
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
    DateTimeOffset? RefreshedAt)
{
    public bool IsMultiEntity => ActiveEntityCount > 1;
}

public sealed record TabCounts(int Live, int Staged, int Disconnected)
{
    public int For(ConnectionState state) => state switch
    {
        ConnectionState.Live => Live,
        ConnectionState.Staged => Staged,
        _ => Disconnected,
    };
}

public sealed record ActionNeededSummary(IReadOnlyDictionary<ActionNeededKind, int> CountByKind)
{
    public int Total => CountByKind.Values.Sum();
}
