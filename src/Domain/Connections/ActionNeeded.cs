namespace FinchDashboard.Domain.Connections;

/// <summary>Why a live connection needs someone to act (the banner, the triage queue).</summary>
public enum ActionNeededKind
{
    Reauth,
    PermissionsError,
    NoAccountSetUp,
    StuckPending,
    /// <summary>Finch reports nothing wrong, but our health checks of it keep failing.</summary>
    FailingHealthChecks,
}

public static class ActionNeeded
{
    /// <summary>
    /// Assisted connections sit in pending while Finch's team sets them up; past this long it is worth a look.
    /// </summary>
    public static TimeSpan PendingThreshold { get; } = TimeSpan.FromDays(3);

    /// <summary>Health checks failing this many times in a row put a connection in the triage queue; one can be a blip.</summary>
    public const int RepeatedHealthCheckFailures = 3;

    public static IReadOnlyList<ActionNeededKind> AllKinds { get; } = Enum.GetValues<ActionNeededKind>();

    /// <summary>What Finch's status says first; failing health checks only when the status itself looks fine.</summary>
    public static ActionNeededKind? For(
        ConnectionState state, ConnectionStatus status, DateTimeOffset statusSince, int healthFailureCount, DateTimeOffset now)
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
            _ when healthFailureCount >= RepeatedHealthCheckFailures => ActionNeededKind.FailingHealthChecks,
            _ => null,
        };
    }

    /// <summary>The kind in a few words, for the triage queue and its filter.</summary>
    public static string DisplayName(this ActionNeededKind kind) => kind switch
    {
        ActionNeededKind.Reauth => "Re-auth needed",
        ActionNeededKind.PermissionsError => "Permissions error",
        ActionNeededKind.NoAccountSetUp => "No account set up",
        ActionNeededKind.StuckPending => "Pending too long",
        ActionNeededKind.FailingHealthChecks => "Failing health checks",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
