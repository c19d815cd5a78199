namespace FinchDashboard.Domain.Webhooks;

/// <summary>
/// A verified Stripe event (<c>evt_…</c>), stored once per event id before it is acknowledged, then applied once in the
/// background, as Finch's are.
/// </summary>
public sealed class StripeWebhookEvent
{
    public required string EventId { get; init; }

    public required string EventType { get; init; }

    /// <summary>The event's <c>created</c>: when Stripe saw the account so; orders out-of-order deliveries.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The raw body as verified.</summary>
    public required string Body { get; init; }

    public WebhookEventState State { get; private set; }

    public int Attempts { get; set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>What applying it did, or why it was not applied.</summary>
    public string? Outcome { get; private set; }

    public Guid? BankAccountId { get; private set; }

    public Guid? EmployerId { get; private set; }

    public void Finish(WebhookEventState state, string outcome, DateTimeOffset at, Guid? bankAccountId = null, Guid? employerId = null)
    {
        if (State != WebhookEventState.Pending || state == WebhookEventState.Pending)
        {
            throw new InvalidOperationException($"Event {EventId} is {State}; it can be finished once, and not as pending.");
        }

        State = state;
        Outcome = TextLimits.Shorten(outcome, WebhookEvent.OutcomeMaxLength);
        ProcessedAt = at;
        BankAccountId = bankAccountId;
        EmployerId = employerId;
    }

    /// <summary>An attempt failed and was rolled back: the event waits for the next one, or after the last it has Failed.</summary>
    public void RecordFailedAttempt(string outcome, bool givingUp, DateTimeOffset at)
    {
        State = givingUp ? WebhookEventState.Failed : WebhookEventState.Pending;
        ProcessedAt = givingUp ? at : null;
        Outcome = TextLimits.Shorten(outcome, WebhookEvent.OutcomeMaxLength);
    }
}
