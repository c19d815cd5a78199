using System.Globalization;
using System.Text;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Domain;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>
/// POST /webhooks/finch: Finch's deliveries. Anonymous (Finch proves itself with the signature, not a cookie). The raw
/// body is verified before anything else looks at it, stored once per Finch-Event-Id, and acknowledged; applying it
/// happens in <see cref="WebhookProcessor"/>, so Finch never waits on our own work. Refusals are small problem
/// bodies (never the sign-in redirect or the not-found page) and a log line saying why, without the body or secret.
/// </summary>
public static partial class FinchWebhookEndpoint
{
    public const string Path = "/webhooks/finch";

    private const int MaxEventIdLength = 256;

    public static IEndpointRouteBuilder MapFinchWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Throttles.Webhooks);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, FinchWebhookVerifier verifier, WebhookInbox inbox, IOptions<WebhookOptions> options, DashboardMetrics metrics,
        ILogger<WebhookInbox> logger)
    {
        using var activity = DashboardMetrics.Tracing.StartActivity("Finch webhook intake");
        var eventId = context.Request.Headers[FinchHeaders.WebhookEventId].ToString();
        var body = await WebhookBody.ReadAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            LogTooLarge(logger, Shorten(eventId), options.Value.MaxBodyBytes);
            metrics.WebhookDelivered(DashboardMetrics.FinchWebhooks, WebhookIntake.Refused, "too_large");
            return Refuse(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        try
        {
            var refusal = Verify(verifier, body.Value.Span, context.Request.Headers, eventId, metrics, logger);
            if (refusal is not null)
            {
                return refusal;
            }

            var payload = FinchWebhookPayload.TryParse(body.Value.Memory);
            if (payload is null)
            {
                LogUnreadable(logger, eventId);
                metrics.WebhookDelivered(DashboardMetrics.FinchWebhooks, WebhookIntake.Refused, "not_an_event");
                return Refuse(StatusCodes.Status400BadRequest, "The webhook body is not a Finch event.");
            }

            var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(context.Request.Headers[FinchHeaders.WebhookTimestamp].ToString(), CultureInfo.InvariantCulture));
            var stored = await inbox.StoreAsync(eventId, sentAt, payload, Encoding.UTF8.GetString(body.Value.Span));
            if (!stored)
            {
                LogDuplicate(logger, eventId, payload.EventType);
            }

            metrics.WebhookDelivered(DashboardMetrics.FinchWebhooks, stored ? WebhookIntake.Stored : WebhookIntake.Duplicate);
            activity?.SetTag("webhook.event_type", payload.EventType).SetTag("webhook.stored", stored);

            return Results.Ok();
        }
        finally
        {
            body.Value.Dispose();
        }
    }

    private static IResult? Verify(
        FinchWebhookVerifier verifier, ReadOnlySpan<byte> body, IHeaderDictionary headers, string eventId, DashboardMetrics metrics, ILogger logger)
    {
        var verification = verifier.Verify(body, headers);
        if (!verification.IsValid)
        {
            var rejection = verification.Rejection!.Value;
            LogRefused(logger, Shorten(eventId), rejection);
            metrics.WebhookDelivered(DashboardMetrics.FinchWebhooks, WebhookIntake.Refused, rejection.ToString());
            return rejection is WebhookRejection.NoMatchingSignature or WebhookRejection.TimestampTooOld or WebhookRejection.TimestampInFuture
                ? Refuse(StatusCodes.Status401Unauthorized, "The webhook signature or timestamp is not valid.")
                : Refuse(StatusCodes.Status400BadRequest, "The webhook headers are missing or malformed.");
        }

        if (eventId.Length > MaxEventIdLength)
        {
            LogEventIdTooLong(logger, Shorten(eventId), MaxEventIdLength);
            metrics.WebhookDelivered(DashboardMetrics.FinchWebhooks, WebhookIntake.Refused, "event_id_too_long");
            return Refuse(StatusCodes.Status400BadRequest, "The webhook event id is too long.");
        }

        // The id is a database key and a log field: a control character (NUL above all) fits neither.
        if (eventId.Any(char.IsControl))
        {
            LogEventIdUnreadable(logger);
            metrics.WebhookDelivered(DashboardMetrics.FinchWebhooks, WebhookIntake.Refused, "event_id_control_characters");
            return Refuse(StatusCodes.Status400BadRequest, "The webhook event id holds control characters.");
        }

        return null;
    }

    private static IResult Refuse(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    /// <summary>Header values are the caller's; only a bounded prefix reaches the log.</summary>
    private static string Shorten(string value) => TextLimits.Shorten(value, 65);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} refused: {Rejection}")]
    private static partial void LogRefused(ILogger logger, string eventId, WebhookRejection rejection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} refused: its event id is longer than {Limit} characters")]
    private static partial void LogEventIdTooLong(ILogger logger, string eventId, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused: its event id holds control characters")]
    private static partial void LogEventIdUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} refused: the body is larger than {Limit} bytes")]
    private static partial void LogTooLarge(ILogger logger, string eventId, int limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} refused: the verified body is not a Finch event (UTF-8 JSON with an event_type, no NUL in its fields)")]
    private static partial void LogUnreadable(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventId} ({EventType}) was already stored; the repeated delivery is acknowledged and ignored")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string eventType);
}
