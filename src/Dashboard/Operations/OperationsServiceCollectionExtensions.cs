namespace FinchDashboard.Dashboard.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>This instance's heartbeat, which lists it among the running instances, and the operator page's reads.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<InstanceHeartbeat>();
        services.AddHostedService(provider => provider.GetRequiredService<InstanceHeartbeat>());
        services.AddScoped<SystemStatus>();
        return builder;
    }
}
