using System.Linq.Expressions;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Domain.Webhooks;

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

    public WebhookEventState State { get; private set; }

    public int Attempts { get; set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>What applying it did, or why it was not applied.</summary>
    public string? Outcome { get; private set; }

    public const int OutcomeMaxLength = 1000;

    /// <summary>The stored connection it matched; null until applied, and for unmatched events.</summary>
    public Guid? ConnectionId { get; private set; }

    public Guid? EmployerId { get; private set; }

    /// <summary>The stored connection the event names; from here on it is that connection's employer's record.</summary>
    public void MatchTo(Connection connection)
    {
        ConnectionId = connection.Id;
        EmployerId = connection.EmployerId;
    }

    /// <summary>Applying it ended in <paramref name="state"/>, for the reason in <paramref name="outcome"/>; once.</summary>
    public void Finish(WebhookEventState state, string outcome, DateTimeOffset at)
    {
        if (state == WebhookEventState.Pending)
        {
            throw new ArgumentException("A finished event is no longer pending.", nameof(state));
        }

        if (State != WebhookEventState.Pending)
        {
            throw new InvalidOperationException($"Event {EventId} was finished already ({State}).");
        }

        State = state;
        Outcome = TextLimits.Shorten(outcome, OutcomeMaxLength);
        ProcessedAt = at;
    }

    /// <summary>An attempt failed and was rolled back: the event waits for the next one, or after the last it has Failed.</summary>
    public void RecordFailedAttempt(string outcome, bool givingUp, DateTimeOffset at)
    {
        State = givingUp ? WebhookEventState.Failed : WebhookEventState.Pending;
        ProcessedAt = givingUp ? at : null;
        Outcome = TextLimits.Shorten(outcome, OutcomeMaxLength);
    }

    public bool NeedsJobOutcome() => NeedsJobOutcomeCompiled(this);

}
