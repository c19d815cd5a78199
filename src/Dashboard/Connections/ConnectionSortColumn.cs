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
