using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>Builds timeline entries; every writer of the timeline uses this one.</summary>
public static class Timeline
{
    public static ConnectionEvent Event(Connection connection, DateTimeOffset at, string summary, string actor) => new()
    {
        Id = Guid.CreateVersion7(at),
        ConnectionId = connection.Id,
        EmployerId = connection.EmployerId,
        OccurredAt = at,
        Summary = summary,
        Actor = actor,
    };
}
