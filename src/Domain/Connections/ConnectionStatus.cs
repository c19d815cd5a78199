namespace FinchDashboard.Domain.Connections;

/// <summary>Finch's connection_status.status values, as a live connection reports them in /introspect.</summary>
public enum ConnectionStatus
{
    Connected,
    Reauth,
    ErrorPermissions,
    ErrorNoAccountSetup,
    Pending,
    Processing,
    Disconnected,
}

public static class ConnectionStatuses
{
    private static readonly Dictionary<string, ConnectionStatus> ByWireName = new(StringComparer.Ordinal)
    {
        ["connected"] = ConnectionStatus.Connected,
        ["reauth"] = ConnectionStatus.Reauth,
        ["error_permissions"] = ConnectionStatus.ErrorPermissions,
        ["error_no_account_setup"] = ConnectionStatus.ErrorNoAccountSetup,
        ["pending"] = ConnectionStatus.Pending,
        ["processing"] = ConnectionStatus.Processing,
        ["disconnected"] = ConnectionStatus.Disconnected,
    };

    public static bool TryParseWireName(string? wireName, out ConnectionStatus status) =>
        ByWireName.TryGetValue(wireName ?? "", out status);

    public static string WireName(this ConnectionStatus status) => ByWireName.First(pair => pair.Value == status).Key;

    /// <summary>The words the Connections page uses (Finch's "Create & View Your Connections" article).</summary>
    public static string DisplayName(this ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => "Connected",
        ConnectionStatus.Reauth => "Re-auth",
        ConnectionStatus.ErrorPermissions => "Permissions error",
        ConnectionStatus.ErrorNoAccountSetup => "No account set up",
        ConnectionStatus.Pending => "Pending",
        ConnectionStatus.Processing => "Processing",
        ConnectionStatus.Disconnected => "Disconnected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
