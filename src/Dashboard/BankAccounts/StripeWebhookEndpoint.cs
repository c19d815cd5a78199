using System.Text;
using System.Text.Unicode;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain;
using Microsoft.Extensions.Options;
using Stripe;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// POST /webhooks/stripe: Stripe's events. Anonymous (Stripe proves itself with the signature). The raw body is checked
/// with Stripe.net's own <see cref="EventUtility.ConstructEvent(string, string, string, long, long, bool)"/> against every
/// configured secret and within the timestamp tolerance, stored once per event id and acknowledged; applying it happens
/// in <see cref="StripeEventProcessor"/>. Refusals are small problem bodies and a log line, never the body or a secret.
/// </summary>
public static partial class StripeWebhookEndpoint
{
    public const string Path = "/webhooks/stripe";

    public const string SignatureHeader = "Stripe-Signature";

    private const int MaxEventIdLength = 256;

    public static IEndpointRouteBuilder MapStripeWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Throttles.Webhooks);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, StripeEventInbox inbox, IOptions<StripeOptions> stripe, IOptions<WebhookOptions> webhooks, TimeProvider clock,
        DashboardMetrics metrics, ILogger<StripeEventInbox> logger)
    {
        using var activity = DashboardMetrics.Tracing.StartActivity("Stripe webhook intake");
        var signature = context.Request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0)
        {
            LogRefused(logger, "no Stripe-Signature header");
            metrics.WebhookDelivered(DashboardMetrics.StripeWebhooks, WebhookIntake.Refused, "missing_signature");
            return Refuse(StatusCodes.Status400BadRequest, "The Stripe-Signature header is missing.");
        }

        var body = await WebhookBody.ReadAsync(context.Request, webhooks.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            LogRefused(logger, $"the body is larger than {webhooks.Value.MaxBodyBytes} bytes");
            metrics.WebhookDelivered(DashboardMetrics.StripeWebhooks, WebhookIntake.Refused, "too_large");
            return Refuse(StatusCodes.Status413PayloadTooLarge, "The webhook body is too large.");
        }

        string json;
        using (body.Value)
        {
            if (!Utf8.IsValid(body.Value.Span))
            {
                LogRefused(logger, "the body is not UTF-8");
                metrics.WebhookDelivered(DashboardMetrics.StripeWebhooks, WebhookIntake.Refused, "not_utf8");
                return Refuse(StatusCodes.Status400BadRequest, "The webhook body is not a Stripe event.");
            }

            json = Encoding.UTF8.GetString(body.Value.Span);
        }

        var stripeEvent = Verify(json, signature, stripe.Value, clock.GetUtcNow(), logger, out var refusal);
        if (stripeEvent is null)
        {
            metrics.WebhookDelivered(DashboardMetrics.StripeWebhooks, WebhookIntake.Refused, "unverified");
            return refusal!;
        }

        // The id is a database key and a log field: a control character (NUL above all) fits neither, nor does the body's.
        if (stripeEvent.Id is not { Length: > 0 and <= MaxEventIdLength } eventId || eventId.Any(char.IsControl) || json.Contains('\0')
            || string.IsNullOrEmpty(stripeEvent.Type))
        {
            LogRefused(logger, "the verified event has no usable id or type");
            metrics.WebhookDelivered(DashboardMetrics.StripeWebhooks, WebhookIntake.Refused, "not_an_event");
            return Refuse(StatusCodes.Status400BadRequest, "The webhook body is not a Stripe event.");
        }

        var created = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var stored = await inbox.StoreAsync(eventId, TextLimits.Shorten(stripeEvent.Type, 128), created, json);
        if (!stored)
        {
            LogDuplicate(logger, eventId, stripeEvent.Type);
        }

        metrics.WebhookDelivered(DashboardMetrics.StripeWebhooks, stored ? WebhookIntake.Stored : WebhookIntake.Duplicate);
        activity?.SetTag("webhook.event_type", stripeEvent.Type).SetTag("webhook.stored", stored);

        return Results.Ok();
    }

    /// <summary>The event, if any configured secret signed it within the tolerance; otherwise null and the refusal to send.</summary>
    private static Event? Verify(string json, string signature, StripeOptions options, DateTimeOffset now, ILogger logger, out IResult? refusal)
    {
        refusal = null;
        var tolerance = (long)options.WebhookTolerance.TotalSeconds;
        foreach (var secret in options.WebhookSecrets)
        {
            try
            {
                // Events of another API version are still read: the fields applied here have kept their meaning.
                return EventUtility.ConstructEvent(json, signature, secret, tolerance, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
            }
            catch (StripeException)
            {
                // Not this secret, or too old for any: the next secret is tried, and the refusal comes after the last.
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or ArgumentException)
            {
                LogRefused(logger, "the signed body is not a Stripe event");
                refusal = Refuse(StatusCodes.Status400BadRequest, "The webhook body is not a Stripe event.");
                return null;
            }
        }

        LogRefused(logger, "no configured secret's signature matches within the tolerance");
        refusal = Refuse(StatusCodes.Status401Unauthorized, "The webhook signature or timestamp is not valid.");
        return null;
    }

    private static IResult Refuse(int status, string detail) => Results.Problem(detail: detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({EventType}) was already stored; the repeated delivery is acknowledged and ignored")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string eventType);
}
