namespace FinchDashboard.Domain.Connections;

/// <summary>The three tabs of the connections list (Finch's "Create & View Your Connections" article).</summary>
public enum ConnectionState
{
    /// <summary>Finch Connect completed: the connection has a connection_id and an access token, whatever its status.</summary>
    Live,

    /// <summary>A Connect session is open but the employer has not finished it: no connection_id, no token.</summary>
    Staged,

    /// <summary>Ended by /disconnect: the tokens are no longer usable. The history stays readable.</summary>
    Disconnected,
}
