using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

public sealed record TabCounts(int Live, int Staged, int Disconnected)
{
    public int For(ConnectionState state) => state switch
    {
        ConnectionState.Live => Live,
        ConnectionState.Staged => Staged,
        _ => Disconnected,
    };
}
