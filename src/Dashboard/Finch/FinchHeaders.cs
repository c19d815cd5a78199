namespace FinchDashboard.Dashboard.Finch;

public static class FinchHeaders
{
    public const string ApiVersion = "Finch-API-Version";

    /// <summary>Finch's id of one response; support asks for it, so every outcome carries and logs it.</summary>
    public const string RequestId = "Finch-Request-Id";

    public const string WebhookEventId = "Finch-Event-Id";
    public const string WebhookTimestamp = "Finch-Timestamp";
    public const string WebhookSignature = "Finch-Signature";
}
