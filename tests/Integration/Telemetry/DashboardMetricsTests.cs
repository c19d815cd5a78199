using System.Diagnostics;
using System.Net;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using FinchDashboard.Integration.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FinchDashboard.Integration.Telemetry;

/// <summary>
/// The dashboard's own meters and spans read the way an operator's collector would, through OpenTelemetry (its in-memory
/// exporters), and the meters through the operator page's history: a Finch call that meets a 429, and webhook deliveries.
/// </summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class DashboardMetricsTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private readonly List<Metric> _exported = [];
    private readonly List<Activity> _spans = [];
    private DashboardFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard(new Dictionary<string, string>
        {
            ["Finch:MaxRetryAttempts"] = "2",
            ["Finch:MaxRetryAfter"] = "00:00:05",
            // The other test hosts in this process share the default name (host and process id), and OpenTelemetry
            // listens to every meter of its name in the process: this one's own name tells its figures apart.
            ["Telemetry:InstanceName"] = $"metrics-test-{Guid.NewGuid():N}",
        });
        // As OTEL_EXPORTER_OTLP_ENDPOINT would, with the in-memory exporters in place of OTLP.
        _app.TestServices = services => services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(DashboardMetrics.MeterName).AddInMemoryExporter(_exported))
            .WithTracing(tracing => tracing.AddSource(DashboardMetrics.MeterName).AddHttpClientInstrumentation().AddInMemoryExporter(_spans));
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await finch.ResetFaultsAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_finch_call_that_meets_a_429_and_webhooks_stored_duplicated_and_refused_are_counted()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        await finch.AddFaultAsync("rate_limit", 1, "/introspect", retryAfterSeconds: 1);

        var introspection = await _app.Services.GetRequiredService<FinchConnectionClient>().IntrospectAsync(token.AccessToken);

        Assert.True(introspection.IsSuccess, introspection.Failure?.Describe());
        _app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (_spans)
        {
            // The call's own span, and the HTTP span of each attempt under it, name Finch's request for Finch's support.
            var call = Assert.Single(_spans, s => s.DisplayName == "Finch introspect");
            Assert.Equal(introspection.RequestId, call.GetTagItem(DashboardMetrics.FinchRequestIdTag));
            var attempts = _spans.Where(s => s.ParentSpanId == call.SpanId).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.All(attempts, attempt => Assert.NotNull(attempt.GetTagItem(DashboardMetrics.FinchRequestIdTag)));
        }

        var employer = await _app.AddEmployerAsync("Metrics Co");
        var connection = await _app.AddConnectionAsync(employer, ConnectionState.Live, c => c.FinchConnectionId(token.ConnectionId));
        var delivery = FinchDelivery.AccountUpdated(token.ConnectionId, "connected");
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(client, FinchSandboxFixture.WebhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(client, FinchSandboxFixture.WebhookSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await FinchDelivery.AccountUpdated(token.ConnectionId, "connected").PostAsync(client, FinchSandboxFixture.RetiredWebhookSecret)).StatusCode);
        await WaitUntilAsync(async () => (await _app.EventAsync(delivery.EventId))?.State is not (null or WebhookEventState.Pending));

        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var instance = _app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.InstanceName;
        var ours = _exported.Where(m => m.MeterTags?.Any(t => t.Key == DashboardMetrics.InstanceTag && Equals(t.Value, instance)) == true).ToList();

        Assert.Equal(1, HistogramCount(ours, DashboardMetrics.FinchRequestDuration, (DashboardMetrics.EndpointGroupTag, "introspect"), (DashboardMetrics.OutcomeTag, "429")));
        Assert.Equal(1, HistogramCount(ours, DashboardMetrics.FinchRequestDuration, (DashboardMetrics.EndpointGroupTag, "introspect"), (DashboardMetrics.OutcomeTag, "200")));
        Assert.Equal(1, Sum(ours, DashboardMetrics.FinchRateLimited, (DashboardMetrics.EndpointGroupTag, "introspect")));
        Assert.Equal(1.0, HistogramSum(ours, DashboardMetrics.FinchRetryAfter, (DashboardMetrics.EndpointGroupTag, "introspect")));
        Assert.Equal(1, Sum(ours, DashboardMetrics.WebhookDeliveries, (DashboardMetrics.OutcomeTag, "stored")));
        Assert.Equal(1, Sum(ours, DashboardMetrics.WebhookDeliveries, (DashboardMetrics.OutcomeTag, "duplicate")));
        Assert.Equal(1, Sum(ours, DashboardMetrics.WebhookDeliveries, (DashboardMetrics.OutcomeTag, "refused"), (DashboardMetrics.ReasonTag, "NoMatchingSignature")));
        Assert.Equal(1, Sum(ours, DashboardMetrics.WebhookEvents, (DashboardMetrics.SourceTag, "finch"), (DashboardMetrics.OutcomeTag, "applied")));
        Assert.True(Sum(ours, DashboardMetrics.LiveNotificationsSent) >= 1, "applying the webhook changed the connection, which is announced");
        var described = Assert.Single(ours, m => m.Name == DashboardMetrics.FinchRequestDuration);
        Assert.Equal("s", described.Unit);
        Assert.False(string.IsNullOrEmpty(described.Description));

        // The operator page's own history holds the same figures for the current minute.
        var history = _app.Services.GetRequiredService<MetricsHistory>();
        var deliveries = history.Read(DashboardMetrics.WebhookDeliveries, DashboardMetrics.OutcomeTag, MinuteFigure.Sum);
        Assert.Equal(1, deliveries.Series.Single(s => s.Name == "stored").Total);
        Assert.Equal(1, deliveries.Series.Single(s => s.Name == "refused").Total);
        var requests = history.Read(DashboardMetrics.FinchRequestDuration, DashboardMetrics.OutcomeTag, MinuteFigure.Count);
        Assert.Equal(1, requests.Series.Single(s => s.Name == "429").Total);
        Assert.Equal(60, requests.MinuteStarts.Count);
    }

    private static IEnumerable<MetricPoint> Points(IEnumerable<Metric> metrics, string name, (string Key, string Value)[] tags)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags) pointTags[tag.Key] = tag.Value;
                if (tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value))) yield return point;
            }
        }
    }

    /// <summary>The exporter keeps every export; cumulative points, so the last export's figure is the total.</summary>
    private static long Sum(List<Metric> metrics, string name, params (string, string)[] tags) =>
        Points(Last(metrics, name), name, tags).Sum(p => p.GetSumLong());

    private static long HistogramCount(List<Metric> metrics, string name, params (string, string)[] tags) =>
        Points(Last(metrics, name), name, tags).Sum(p => p.GetHistogramCount());

    private static double HistogramSum(List<Metric> metrics, string name, params (string, string)[] tags) =>
        Points(Last(metrics, name), name, tags).Sum(p => p.GetHistogramSum());

    private static IEnumerable<Metric> Last(List<Metric> metrics, string name) =>
        metrics.LastOrDefault(m => m.Name == name) is { } last ? [last] : [];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
