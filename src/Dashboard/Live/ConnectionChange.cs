namespace FinchDashboard.Dashboard.Live;

/// <summary>Something about this connection changed; subscribers read it again through their own scoped services.</summary>
public readonly record struct ConnectionChange(Guid EmployerId, Guid ConnectionId);
