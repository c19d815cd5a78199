using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>Built with an initializer, not a constructor, so EF Core can keep composing queries over it.</summary>
public sealed class ConnectionNeedingAction
{
    public required Connection Connection { get; init; }

    public required ActionNeededKind Kind { get; init; }
}
