namespace FinchDashboard.Domain.Jobs;

/// <summary>Finch's automated job statuses (AutomatedAsyncJob.status).</summary>
public enum AutomatedJobStatus
{
    Pending,
    InProgress,
    Complete,
    Error,
    ReauthError,
    PermissionsError,
}

public static class AutomatedJobStatuses
{
    private static readonly Dictionary<string, AutomatedJobStatus> ByWireName = new(StringComparer.Ordinal)
    {
        ["pending"] = AutomatedJobStatus.Pending,
        ["in_progress"] = AutomatedJobStatus.InProgress,
        ["complete"] = AutomatedJobStatus.Complete,
        ["error"] = AutomatedJobStatus.Error,
        ["reauth_error"] = AutomatedJobStatus.ReauthError,
        ["permissions_error"] = AutomatedJobStatus.PermissionsError,
    };

    public static bool TryParseWireName(string? wireName, out AutomatedJobStatus status) =>
        ByWireName.TryGetValue(wireName ?? "", out status);

    public static string WireName(this AutomatedJobStatus status) => ByWireName.First(pair => pair.Value == status).Key;

    /// <summary>Pending and in progress are the only statuses a job leaves.</summary>
    public static bool IsFinished(this AutomatedJobStatus status) => status is not (AutomatedJobStatus.Pending or AutomatedJobStatus.InProgress);

    public static string DisplayName(this AutomatedJobStatus status) => status switch
    {
        AutomatedJobStatus.Pending => "Pending",
        AutomatedJobStatus.InProgress => "In progress",
        AutomatedJobStatus.Complete => "Complete",
        AutomatedJobStatus.Error => "Error",
        AutomatedJobStatus.ReauthError => "Re-auth needed",
        AutomatedJobStatus.PermissionsError => "Permissions error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
