using FinchDashboard.Domain;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

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

    /// <summary>One employer's connections, for its own page; not a choice of the list's filter bar.</summary>
    public Guid? EmployerId { get; init; }

    public int? MinEntities { get; init; }

    public int? MaxEntities { get; init; }

    public TimeRange? LastSynced { get; init; }

    public TimeRange? Connected { get; init; }

    /// <summary>Only live connections that need action (the banner's "View now").</summary>
    public bool ActionNeeded { get; init; }

    /// <summary>Only connections whose last sync is older than their cadence allows.</summary>
    public bool SyncOverdue { get; init; }
}
