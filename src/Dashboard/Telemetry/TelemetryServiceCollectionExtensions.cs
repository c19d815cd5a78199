using FinchDashboard.Domain.Operations;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FinchDashboard.Dashboard.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The environment variable that turns OpenTelemetry's export on (the OTLP exporter's own setting).</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "finch-dashboard";

    /// <summary>
    /// The dashboard's own meters and their last hour for the operator page, and, only when
    /// <see cref="OtlpEndpoint"/> is set, OpenTelemetry traces and metrics exported over OTLP: ASP.NET Core, HttpClient
    /// (Finch's answers carry their Finch-Request-Id), Npgsql, Polly and our own. Unset, no OpenTelemetry SDK is
    /// registered at all, so nothing is sampled, buffered or sent.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>()
            .Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => o.InstanceName.Length is > 0 and <= DashboardInstance.NameMaxLength,
                $"{TelemetryOptions.Section}:InstanceName must be 1 to {DashboardInstance.NameMaxLength} characters.")
            .ValidateOnStart();
        services.AddSingleton<DashboardMetrics>();
        services.AddSingleton<MetricsHistory>();
        services.AddHostedService(provider => provider.GetRequiredService<MetricsHistory>());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]))
        {
            var instanceName = builder.Configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.InstanceName)}"] ?? new TelemetryOptions().InstanceName;
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instanceName))
                .WithTracing(tracing => tracing
                    .AddSource(DashboardMetrics.MeterName)
                    // Health probes come every few seconds and say nothing the health checks' own figures do not; left
                    // out as they start, the database reads under them are left out too.
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz"))
                    // AddFinch adds the Finch-Request-Id to Finch's spans through these instrumentation options.
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter())
                .WithMetrics(metrics => metrics
                    .AddMeter(DashboardMetrics.MeterName, "Polly")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddOtlpExporter());
        }

        return builder;
    }
}
