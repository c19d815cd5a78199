using System.Linq.Expressions;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>Where a received webhook is in its life: stored, then applied once in the background.</summary>
public enum WebhookEventState
{
    Pending,
    Applied,
    /// <summary>Verified and kept, but no stored connection matches it: reported, not dropped.</summary>
    Unmatched,
    /// <summary>Older than what we already hold, or a type we do not act on; kept for the record.</summary>
    Ignored,
    Failed,
}

/// <summary>
/// A verified Finch webhook in the inbox, stored once per Finch-Event-Id before it is acknowledged, so a duplicate
/// delivery does nothing and a restart loses nothing.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>
    /// The events only Finch can say the outcome of: <c>job.*.completed</c> is sent for failed jobs too, and only an
    /// automated data sync can be asked how it ended (GET /jobs/automated/{job_id}).
    /// </summary>
    public static readonly Expression<Func<WebhookEvent, bool>> NeedingJobOutcome =
        w => w.EventType == "job.data_sync_all.completed" && w.JobId != null;

    private static readonly Func<WebhookEvent, bool> NeedsJobOutcomeCompiled = NeedingJobOutcome.Compile();

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Finch-Timestamp: when Finch signed it, the best event time Finch gives; orders out-of-order deliveries.</summary>
    public DateTimeOffset SentAt { get; init; }

    public string? FinchConnectionId { get; init; }

    public string? FinchEntityId { get; init; }

    public string? AccountId { get; init; }

    public string? CompanyId { get; init; }

    /// <summary><c>data.status</c>: the status an <c>account.updated</c> reports.</summary>
    public string? ReportedStatus { get; init; }

    /// <summary><c>data.authentication_method</c>'s type, on an <c>account.updated</c>.</summary>
    public string? AuthenticationMethod { get; init; }

    /// <summary><c>data.job_id</c>, on a job event.</summary>
    public string? JobId { get; init; }

    /// <summary>The raw body as verified, kept for the record: what applying it needs was read from it once, into the fields above.</summary>
    public required string Body { get; init; }

    public WebhookEventState State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>What applying it did, or why it was not applied.</summary>
    public string? Outcome { get; set; }

    public const int OutcomeMaxLength = 1000;

    /// <summary>The stored connection it matched; null until applied, and for unmatched events.</summary>
    public Guid? ConnectionId { get; set; }

    public Guid? EmployerId { get; set; }

    public bool NeedsJobOutcome() => NeedsJobOutcomeCompiled(this);

    /// <summary>The payload as the endpoint parsed it on arrival.</summary>
    public FinchWebhookPayload ToPayload() =>
        new(EventType, FinchConnectionId, FinchEntityId, AccountId, CompanyId, ReportedStatus, AuthenticationMethod, JobId);
}
