using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Domain.Jobs;

/// <summary>
/// One of Finch's automated jobs on a connection (a <c>data_sync_all</c>: Finch reading all of the employer's data),
/// as Finch last reported it through the job list, a job read or the answer to "Sync now".
/// </summary>
public sealed class AutomatedJob
{
    public const string DataSyncAll = "data_sync_all";

    /// <summary>Room for Finch's job ids (UUIDs) and job types, with margin.</summary>
    public const int FinchJobIdMaxLength = 128;

    public const int TypeMaxLength = 64;

    public const int RequestedByMaxLength = 200;

    // EF Core reads rows through this constructor and the private setters.
    private AutomatedJob()
    {
    }

    public Guid Id { get; private set; }

    public Guid EmployerId { get; private set; }

    public Guid ConnectionId { get; private set; }

    public string FinchJobId { get; private set; } = "";

    public string Type { get; private set; } = DataSyncAll;

    public AutomatedJobStatus Status { get; private set; }

    /// <summary>When Finch created the job: a new connection's time for its initial sync, the request's time for "Sync now".</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set for jobs Finch scheduled itself (the initial and daily syncs); null for jobs asked for.</summary>
    public DateTimeOffset? ScheduledAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Who pressed "Sync now" for it; null for jobs Finch started on its own.</summary>
    public string? RequestedBy { get; private set; }

    /// <summary>When Finch last told us about the job.</summary>
    public DateTimeOffset ReportedAt { get; private set; }

    public bool IsFinished => Status.IsFinished();

    /// <summary>How long it ran: from start (or creation, when Finch gave no start) to completion; null while running.</summary>
    public TimeSpan? Duration => CompletedAt - (StartedAt ?? CreatedAt);

    /// <summary>A job Finch told us about for the first time.</summary>
    public static AutomatedJob Record(Connection connection, string finchJobId, string type, DateTimeOffset createdAt, DateTimeOffset reportedAt, string? requestedBy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finchJobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return new AutomatedJob
        {
            Id = Guid.CreateVersion7(reportedAt),
            EmployerId = connection.EmployerId,
            ConnectionId = connection.Id,
            FinchJobId = finchJobId,
            Type = type,
            Status = AutomatedJobStatus.Pending,
            CreatedAt = createdAt,
            RequestedBy = requestedBy,
            ReportedAt = reportedAt,
        };
    }

    /// <summary>
    /// What Finch now reports about the job. A finished job stays finished: an answer read before the job ended can
    /// arrive after the one saying how it ended.
    /// </summary>
    public void Report(AutomatedJobStatus status, DateTimeOffset? scheduledAt, DateTimeOffset? startedAt, DateTimeOffset? completedAt, DateTimeOffset reportedAt)
    {
        if (IsFinished && !status.IsFinished())
        {
            return;
        }

        Status = status;
        ScheduledAt = scheduledAt ?? ScheduledAt;
        StartedAt = startedAt ?? StartedAt;
        CompletedAt = completedAt ?? CompletedAt;
        ReportedAt = reportedAt;
    }
}
