using System.Diagnostics;
using System.Net;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Integration.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace FinchDashboard.Integration.Telemetry;

/// <summary>
/// The tracing a deployment gets with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, read through an in-memory exporter added to
/// it: request spans with route and status, our spans and Npgsql's beneath them,
/// and nothing of health probes. Each request carries a trace of the test's own, since every host in this process
/// reports to the same listeners.
/// </summary>
public sealed class RequestTracingTests : IAsyncLifetime
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    private readonly List<Activity> _spans = [];
    private DashboardFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = new DashboardFactory(new Dictionary<string, string>
        {
            // Nothing listens there: the exporter's sends fail at once and are dropped, as with a collector that is down.
            [TelemetryServiceCollectionExtensions.OtlpEndpoint] = "http://127.0.0.1:9",
            ["Webhooks:ProcessingEnabled"] = "false",
        });
        _app.TestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_webhook_request_is_one_trace_of_request_intake_and_database_spans_and_health_probes_are_not_traced()
    {
        var webhookTrace = ActivityTraceId.CreateRandom();
        var refusedTrace = ActivityTraceId.CreateRandom();
        var probeTrace = ActivityTraceId.CreateRandom();

        Assert.Equal(HttpStatusCode.OK, (await FinchDelivery.Create("conn-traced", "company.updated", null).PostAsync(ClientIn(webhookTrace))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await FinchDelivery.Create("conn-traced", "company.updated", null).PostAsync(ClientIn(refusedTrace), RetiredSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientIn(probeTrace).GetAsync("/healthz/ready")).StatusCode);
        _app.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> spans;
        lock (_spans)
        {
            spans = [.. _spans];
        }

        var webhook = spans.Where(s => s.TraceId == webhookTrace).ToList();
        var request = Assert.Single(webhook, s => s.Source.Name == AspNetCoreSource);
        Assert.Equal("POST /webhooks/finch", request.DisplayName);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("/webhooks/finch", request.GetTagItem("url.path"));
        Assert.Equal("/webhooks/finch", request.GetTagItem("http.route"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, request.Status);
        var intake = Assert.Single(webhook, s => s.DisplayName == "Finch webhook intake");
        Assert.Equal(request.SpanId, intake.ParentSpanId);
        // The store is a batched insert that may write other requests' rows too; it lies in the trace of the request that sent it.
        var insert = Assert.Single(webhook, s => s.Source.Name == "Npgsql");
        Assert.Contains(insert.ParentSpanId, new[] { request.SpanId, intake.SpanId });
        // The pool's name, never its connection string.
        Assert.Equal("dashboard", insert.GetTagItem("db.npgsql.data_source"));
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), tag => tag.Value is string text && text.Contains("Host=", StringComparison.OrdinalIgnoreCase));

        // A refusal is the sender's mistake: recorded with its status, not as a failure of ours.
        var refused = Assert.Single(spans, s => s.TraceId == refusedTrace && s.Source.Name == AspNetCoreSource);
        Assert.Equal(401, refused.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Unset, refused.Status);

        // The probe read the database, and neither its request nor those reads were exported.
        Assert.DoesNotContain(spans, s => s.TraceId == probeTrace);
    }

    private static string RetiredSecret => Convert.ToBase64String("not-the-secret-the-dashboard-holds"u8.ToArray());

    /// <summary>A client whose requests continue <paramref name="trace"/>, as a caller's traced HTTP client would.</summary>
    private HttpClient ClientIn(ActivityTraceId trace) => _app.CreateDefaultClient(new TraceParent(trace));

    private sealed class TraceParent(ActivityTraceId trace) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
