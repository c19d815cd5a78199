using FinchDashboard.Domain.Access;

namespace FinchDashboard.Domain.Connections;

/// <summary>Something about this connection changed; subscribers read it again through their own scoped services.</summary>
public readonly record struct ConnectionChange(Guid EmployerId, Guid ConnectionId)
{
    /// <summary>
    /// Whether a page of a caller with <paramref name="scope"/>, showing one connection or (null) any, should hear of
    /// this change. Pages hear nothing about employers outside their caller's scope, not even that something changed.
    /// </summary>
    public bool IsFor(EmployerScope scope, Guid? connectionId) =>
        scope.Includes(EmployerId) && (connectionId is null || connectionId == ConnectionId);
}
