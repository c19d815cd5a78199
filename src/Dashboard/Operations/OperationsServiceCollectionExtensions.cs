using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Domain.Operations;

namespace FinchDashboard.Dashboard.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>This instance's heartbeat, which lists it among the running instances, and the operator page's reads.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>()
            .Bind(builder.Configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => o.InstanceName.Length is > 0 and <= DashboardInstance.NameMaxLength,
                $"{TelemetryOptions.Section}:InstanceName must be 1 to {DashboardInstance.NameMaxLength} characters.")
            .ValidateOnStart();
        services.AddSingleton<InstanceHeartbeat>();
        services.AddHostedService(provider => provider.GetRequiredService<InstanceHeartbeat>());
        services.AddScoped<SystemStatus>();
        return builder;
    }
}
