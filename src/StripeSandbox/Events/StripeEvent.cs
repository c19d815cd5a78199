using FinchDashboard.StripeSandbox.Api;

namespace FinchDashboard.StripeSandbox.Events;

/// <summary>Stripe's event object (stripe-node's types/Events.d.ts): what happened, to which object, as of which API version.</summary>
public sealed record StripeEvent(
    string Id,
    string ApiVersion,
    long Created,
    StripeEvent.EventData Data,
    bool Livemode,
    int PendingWebhooks,
    StripeEvent.EventRequest Request,
    string Type)
{
    public string Object => "event";

    public sealed record EventData(object Object);

    /// <summary>The API request that caused the event; both null when it came from elsewhere (a user, the bank, a refresh finishing).</summary>
    public sealed record EventRequest(string? Id, string? IdempotencyKey);
}

/// <summary>Who caused an event, for the event's <c>request</c>.</summary>
public sealed record EventCause(string? RequestId, string? IdempotencyKey)
{
    public static EventCause None { get; } = new(null, null);

    public static EventCause Of(HttpContext context) =>
        new(context.RequestId(), context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null);
}
