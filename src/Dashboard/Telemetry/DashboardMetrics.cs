using System.Diagnostics;
using System.Diagnostics.Metrics;
using FinchDashboard.Domain.Connections;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Telemetry;

/// <summary>Where a webhook delivery ended at the door, before anything applies it.</summary>
public enum WebhookIntake
{
    Stored,
    Duplicate,
    Refused,
}

/// <summary>
/// The dashboard's own instruments, each with its unit and description: what an operator asks of a running instance
/// (how slow Finch is, how many 429s, how many webhooks wait and for how long, whether live push flows). Recording is
/// cheap and happens whether or not anything listens; the operator page and OpenTelemetry, when configured, listen.
/// </summary>
public sealed class DashboardMetrics
{
    public const string MeterName = "FinchDashboard";

    /// <summary>Our own spans: webhook intake and apply, health-check passes, the Connect callback, each Finch call.</summary>
    public static readonly ActivitySource Tracing = new(MeterName);

    public const string FinchRequestDuration = "finch.request.duration";
    public const string FinchRateLimited = "finch.rate_limited";
    public const string FinchRetryAfter = "finch.rate_limit.retry_after";
    public const string FinchOpenCircuits = "finch.circuits.open";
    public const string WebhookDeliveries = "dashboard.webhook.deliveries";
    public const string WebhookEvents = "dashboard.webhook.events";
    public const string WebhookQueueDepth = "dashboard.webhook.queue.depth";
    public const string WebhookQueueOldestAge = "dashboard.webhook.queue.oldest_age";
    public const string LiveNotificationsSent = "dashboard.live.notifications.sent";
    public const string LiveChangesDelivered = "dashboard.live.changes.delivered";
    public const string HealthCheckFailures = "dashboard.health_check.failures";

    public const string EndpointGroupTag = "finch.endpoint_group";
    public const string FinchRequestIdTag = "finch.request_id";
    public const string OutcomeTag = "outcome";
    public const string SourceTag = "webhook.source";
    public const string ReasonTag = "reason";
    public const string KindTag = "kind";
    public const string InstanceTag = "service.instance.id";

    /// <summary>The values of <see cref="SourceTag"/>.</summary>
    public const string FinchWebhooks = "finch";
    public const string StripeWebhooks = "stripe";

    private readonly Histogram<double> _finchRequestDuration;
    private readonly Counter<long> _finchRateLimited;
    private readonly Histogram<double> _finchRetryAfter;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _webhookEvents;
    private readonly Counter<long> _liveNotificationsSent;
    private readonly Counter<long> _liveChangesDelivered;
    private readonly Counter<long> _healthCheckFailures;

    public DashboardMetrics(IMeterFactory meters, IOptions<TelemetryOptions> options)
    {
        // The instance's name on the meter itself: exporters send it as the scope's attribute, and several hosts in one
        // process (the tests) stay apart.
        Meter = meters.Create(new MeterOptions(MeterName) { Tags = [new(InstanceTag, options.Value.InstanceName)] });
        _finchRequestDuration = Meter.CreateHistogram<double>(FinchRequestDuration, "s",
            "How long each HTTP attempt to Finch took, by endpoint group and outcome (the status code, or timeout/unreachable).");
        _finchRateLimited = Meter.CreateCounter<long>(FinchRateLimited, "{response}", "429 answers from Finch, by endpoint group.");
        _finchRetryAfter = Meter.CreateHistogram<double>(FinchRetryAfter, "s", "The Retry-After Finch sent with each 429, by endpoint group.");
        _webhookDeliveries = Meter.CreateCounter<long>(WebhookDeliveries, "{delivery}",
            "Webhook deliveries received, by source and outcome (stored, duplicate, refused with its reason).");
        _webhookEvents = Meter.CreateCounter<long>(WebhookEvents, "{event}", "Stored webhook events processed, by source and outcome (applied or failed).");
        _liveNotificationsSent = Meter.CreateCounter<long>(LiveNotificationsSent, "{notification}",
            "Connection changes this instance announced to every instance (PostgreSQL NOTIFY).");
        _liveChangesDelivered = Meter.CreateCounter<long>(LiveChangesDelivered, "{change}",
            "Connection changes delivered to open pages on this instance (one per page that heard it).");
        _healthCheckFailures = Meter.CreateCounter<long>(HealthCheckFailures, "{failure}", "Failed background /introspect checks, by kind.");
    }

    public Meter Meter { get; }

    /// <summary>The open-circuits gauge, read from whoever holds Finch's circuit breakers.</summary>
    public void ObserveOpenCircuits(Func<int> openCircuits) =>
        Meter.CreateObservableGauge(FinchOpenCircuits, openCircuits, "{circuit}",
            "Finch endpoint groups whose circuit is open: their calls are refused without reaching Finch.");

    /// <summary>The webhook-queue gauges, read from whoever samples the inboxes.</summary>
    public void ObserveWebhookQueue(Func<IEnumerable<Measurement<int>>> depth, Func<IEnumerable<Measurement<double>>> oldestAge)
    {
        Meter.CreateObservableGauge(WebhookQueueDepth, depth, "{event}", "Stored webhook events waiting to be applied, by source.");
        Meter.CreateObservableGauge(WebhookQueueOldestAge, oldestAge, "s",
            "How long the oldest waiting webhook event has waited, by source; 0 when none waits.");
    }

    public void FinchRequest(string endpointGroup, string outcome, TimeSpan duration) =>
        _finchRequestDuration.Record(duration.TotalSeconds, new(EndpointGroupTag, endpointGroup), new(OutcomeTag, outcome));

    public void FinchRateLimit(string endpointGroup, TimeSpan? retryAfter)
    {
        _finchRateLimited.Add(1, new KeyValuePair<string, object?>(EndpointGroupTag, endpointGroup));
        if (retryAfter is { } wait)
        {
            _finchRetryAfter.Record(wait.TotalSeconds, new KeyValuePair<string, object?>(EndpointGroupTag, endpointGroup));
        }
    }

    public void WebhookDelivered(string source, WebhookIntake outcome, string? reason = null)
    {
        var tags = new TagList { { SourceTag, source }, { OutcomeTag, Tag(outcome) } };
        if (reason is not null) tags.Add(ReasonTag, reason);
        _webhookDeliveries.Add(1, tags);
    }

    public void WebhookEventsProcessed(string source, int applied, int failed)
    {
        if (applied > 0) _webhookEvents.Add(applied, new(SourceTag, source), new(OutcomeTag, "applied"));
        if (failed > 0) _webhookEvents.Add(failed, new(SourceTag, source), new(OutcomeTag, "failed"));
    }

    public void LiveNotificationsAnnounced(int count) => _liveNotificationsSent.Add(count);

    public void LiveChangesDeliveredToPage(int count) => _liveChangesDelivered.Add(count);

    public void HealthCheckFailed(HealthCheckFailureKind kind) =>
        _healthCheckFailures.Add(1, new KeyValuePair<string, object?>(KindTag, kind.ToString()));

    private static string Tag(WebhookIntake outcome) => outcome switch
    {
        WebhookIntake.Stored => "stored",
        WebhookIntake.Duplicate => "duplicate",
        _ => "refused",
    };
}
