namespace FinchDashboard.Domain.Connections;

/// <summary>Why a live connection needs someone to act (the banner, the triage queue).</summary>
public enum ActionNeededKind
{
    Reauth,
    PermissionsError,
    NoAccountSetUp,
    StuckPending,
}

public static class ActionNeeded
{
    /// <summary>
    /// Assisted connections sit in pending while Finch's team sets them up; past this long it is worth a look.
    /// </summary>
    public static TimeSpan PendingThreshold { get; } = TimeSpan.FromDays(3);

    public static IReadOnlyList<ActionNeededKind> AllKinds { get; } = Enum.GetValues<ActionNeededKind>();

    public static ActionNeededKind? For(ConnectionState state, ConnectionStatus status, DateTimeOffset statusSince, DateTimeOffset now)
    {
        if (state != ConnectionState.Live)
        {
            return null;
        }

        return status switch
        {
            ConnectionStatus.Reauth => ActionNeededKind.Reauth,
            ConnectionStatus.ErrorPermissions => ActionNeededKind.PermissionsError,
            ConnectionStatus.ErrorNoAccountSetup => ActionNeededKind.NoAccountSetUp,
            ConnectionStatus.Pending when now - statusSince > PendingThreshold => ActionNeededKind.StuckPending,
            _ => null,
        };
    }

}
