namespace FinchDashboard.FinchSandbox.Jobs;

/// <summary>An automated job (AutomatedAsyncJob in the SDK). Mutated only under SandboxStore.Gate.</summary>
public sealed class AutomatedJob
{
    public required string JobId { get; init; }
    public required string ConnectionId { get; init; }
    public required string Type { get; init; }
    public required string JobUrl { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Set for the scheduled initial sync of a new connection; null for jobs asked for with POST /jobs/automated.</summary>
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>pending, in_progress, complete, error, reauth_error, permissions_error.</summary>
    public string Status { get; set; } = "pending";

    public bool InFlight => Status is "pending" or "in_progress";
}
