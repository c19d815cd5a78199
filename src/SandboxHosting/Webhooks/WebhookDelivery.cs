namespace FinchDashboard.SandboxHosting.Webhooks;

/// <summary>One webhook on its way; the body is fixed when it is queued so every attempt sends the same bytes.</summary>
public sealed record WebhookDelivery(string EventId, string EventType, string Body, int Attempt);
