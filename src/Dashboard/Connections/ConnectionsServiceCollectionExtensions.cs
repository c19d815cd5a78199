namespace FinchDashboard.Dashboard.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    /// <summary>The connections list and page, refreshing from Finch and disconnecting.</summary>
    public static IHostApplicationBuilder AddConnections(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ActionNeededOptions>()
            .Bind(builder.Configuration.GetSection(ActionNeededOptions.Section))
            .Validate(o => o.AutomatedPendingLimit > TimeSpan.Zero,
                $"{ActionNeededOptions.Section}:{nameof(ActionNeededOptions.AutomatedPendingLimit)} must be positive.")
            .Validate(o => o.AssistedPendingLimit > TimeSpan.Zero,
                $"{ActionNeededOptions.Section}:{nameof(ActionNeededOptions.AssistedPendingLimit)} must be positive.")
            .Validate(o => o.AutomatedSyncCadence > TimeSpan.Zero,
                $"{ActionNeededOptions.Section}:{nameof(ActionNeededOptions.AutomatedSyncCadence)} must be positive.")
            .Validate(o => o.AssistedSyncCadence >= o.AutomatedSyncCadence,
                $"{ActionNeededOptions.Section}:{nameof(ActionNeededOptions.AssistedSyncCadence)} must be at least {nameof(ActionNeededOptions.AutomatedSyncCadence)}: Finch's team syncs assisted connections less often.")
            .Validate(o => o.SyncGrace >= TimeSpan.Zero,
                $"{ActionNeededOptions.Section}:{nameof(ActionNeededOptions.SyncGrace)} must not be negative.")
            .ValidateOnStart();
        builder.Services.AddScoped<ConnectionDirectory>();
        builder.Services.AddSingleton<ChangedConnections>();
        builder.Services.AddScoped<ConnectionRefresher>();
        builder.Services.AddScoped<ConnectionDisconnector>();
        return builder;
    }
}
