using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

public sealed record ActionNeededSummary(IReadOnlyDictionary<ActionNeededKind, int> CountByKind)
{
    public int Total => CountByKind.Values.Sum();
}
