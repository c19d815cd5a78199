using System.Linq.Expressions;

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
    /// <summary>Connected, but its last successful sync is older than its cadence allows.</summary>
    SyncOverdue,
}

/// <summary>
/// The action-needed rule, written once as expressions: EF Core translates them for the list, the banner and the
/// triage queue, and in-memory code compiles them, so the two cannot disagree.
/// </summary>
public static class ActionNeeded
{
    /// <summary>Health checks failing this many times in a row put a connection in the triage queue; one can be a blip.</summary>
    public const int RepeatedHealthCheckFailures = 3;

    public static IReadOnlyList<ActionNeededKind> AllKinds { get; } = Enum.GetValues<ActionNeededKind>();

    private static readonly Expression<Func<Connection, bool>> IsLive = c => c.State == ConnectionState.Live;

    private static readonly Expression NoKind = Expression.Constant(null, typeof(ActionNeededKind?));

    /// <summary>Whether a connection needs action at <paramref name="now"/>: it is live and some kind's condition holds.</summary>
    public static Expression<Func<Connection, bool>> NeedsActionAt(DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        var connection = Expression.Parameter(typeof(Connection), "c");
        var anyKind = ConditionsAt(now, thresholds)
            .Select(condition => (Expression)Expression.Invoke(condition.Holds, connection))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Connection, bool>>(Expression.AndAlso(Expression.Invoke(IsLive, connection), anyKind), connection);
    }

    /// <summary>The kind of action a connection needs at <paramref name="now"/>, or null when it needs none.</summary>
    public static Expression<Func<Connection, ActionNeededKind?>> KindAt(DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        var connection = Expression.Parameter(typeof(Connection), "c");
        // Nested from the last condition outwards, so the first that holds decides.
        var kind = NoKind;
        foreach (var (candidate, holds) in ConditionsAt(now, thresholds).AsEnumerable().Reverse())
        {
            kind = Expression.Condition(Expression.Invoke(holds, connection), Expression.Constant(candidate, typeof(ActionNeededKind?)), kind);
        }

        return Expression.Lambda<Func<Connection, ActionNeededKind?>>(
            Expression.Condition(Expression.Invoke(IsLive, connection), kind, NoKind), connection);
    }

    /// <summary>
    /// Whether a connection with this status, type and last sync is overdue at <paramref name="now"/>: Connected, and
    /// synced once but not within its cadence. One never synced is still on its initial import, which its page shows.
    /// Over plain values, so a CSV row can be judged by the same rule the database runs.
    /// </summary>
    public static Expression<Func<ConnectionStatus, ConnectionType, DateTimeOffset?, bool>> SyncOverdueAt(
        DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        var assistedSince = now - thresholds.SyncOverdueAfter(ConnectionType.Assisted);
        var automatedSince = now - thresholds.SyncOverdueAfter(ConnectionType.Automated);
        return (status, type, lastSyncedAt) => status == ConnectionStatus.Connected && lastSyncedAt != null &&
            (type == ConnectionType.Assisted ? lastSyncedAt < assistedSince : lastSyncedAt < automatedSince);
    }

    /// <summary>The <see cref="SyncOverdueAt"/> rule applied to a connection, for SQL.</summary>
    public static Expression<Func<Connection, bool>> SyncOverdueOf(DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        var connection = Expression.Parameter(typeof(Connection), "c");
        return Expression.Lambda<Func<Connection, bool>>(
            Expression.Invoke(
                SyncOverdueAt(now, thresholds),
                Expression.Property(connection, nameof(Connection.Status)),
                Expression.Property(connection, nameof(Connection.ConnectionType)),
                Expression.Property(connection, nameof(Connection.LastSyncedAt))),
            connection);
    }

    // Each kind's condition, first match wins: what Finch's status says comes first, failing health checks only when the
    // status itself looks fine, stale data last. EF Core inlines the invoked lambdas, so the SQL reads as these conditions do.
    private static (ActionNeededKind Kind, Expression<Func<Connection, bool>> Holds)[] ConditionsAt(DateTimeOffset now, ActionNeededThresholds thresholds)
    {
        var assistedPendingSince = now - thresholds.PendingLimit(ConnectionType.Assisted);
        var automatedPendingSince = now - thresholds.PendingLimit(ConnectionType.Automated);
        return
        [
            (ActionNeededKind.Reauth, c => c.Status == ConnectionStatus.Reauth),
            (ActionNeededKind.PermissionsError, c => c.Status == ConnectionStatus.ErrorPermissions),
            (ActionNeededKind.NoAccountSetUp, c => c.Status == ConnectionStatus.ErrorNoAccountSetup),
            (ActionNeededKind.StuckPending, c => c.Status == ConnectionStatus.Pending &&
                (c.ConnectionType == ConnectionType.Assisted ? c.StatusChangedAt < assistedPendingSince : c.StatusChangedAt < automatedPendingSince)),
            (ActionNeededKind.FailingHealthChecks, c => c.HealthFailureCount >= RepeatedHealthCheckFailures),
            (ActionNeededKind.SyncOverdue, SyncOverdueOf(now, thresholds)),
        ];
    }

    /// <summary>The kind in a few words, for the triage queue and its filter.</summary>
    public static string DisplayName(this ActionNeededKind kind) => kind switch
    {
        ActionNeededKind.Reauth => "Re-auth needed",
        ActionNeededKind.PermissionsError => "Permissions error",
        ActionNeededKind.NoAccountSetUp => "No account set up",
        ActionNeededKind.StuckPending => "Pending too long",
        ActionNeededKind.FailingHealthChecks => "Failing health checks",
        ActionNeededKind.SyncOverdue => "Sync overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
