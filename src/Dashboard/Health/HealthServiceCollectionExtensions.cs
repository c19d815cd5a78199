namespace FinchDashboard.Dashboard.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Both kinds of health: the dashboard's own (<see cref="HealthEndpoints"/>: live, and ready when the database is
    /// reachable and migrated and the background work runs) and its connections' (the background check asking Finch's
    /// /introspect on a cadence, and its report).
    /// </summary>
    public static IHostApplicationBuilder AddDashboardHealthChecks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.Ready])
            .AddCheck<BackgroundWorkHealthCheck>("background work", tags: [HealthEndpoints.Ready]);
        services.AddOptions<HealthCheckOptions>()
            .Bind(builder.Configuration.GetSection(HealthCheckOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), $"{HealthCheckOptions.Section}:Interval must be at least one second.")
            .Validate(o => o.MaxRequestsPerMinute is >= 1 and <= HealthCheckOptions.MaxAllowedRequestsPerMinute,
                $"{HealthCheckOptions.Section}:MaxRequestsPerMinute must be between 1 and {HealthCheckOptions.MaxAllowedRequestsPerMinute} (Finch's rate limits; see README.md, Configuration).")
            .Validate(o => o.FirstPassDelay >= TimeSpan.Zero, $"{HealthCheckOptions.Section}:FirstPassDelay must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ConnectionHealthMonitor>();
        services.AddScoped<HealthCheckReport>();
        services.AddHostedService(provider => provider.GetRequiredService<ConnectionHealthMonitor>());
        return builder;
    }
}
