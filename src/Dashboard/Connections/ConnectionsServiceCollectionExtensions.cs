namespace FinchDashboard.Dashboard.Connections;

public static class ConnectionsServiceCollectionExtensions
{
    /// <summary>The connections list and page, refreshing from Finch and disconnecting.</summary>
    public static IHostApplicationBuilder AddConnections(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConnectionDirectory>();
        builder.Services.AddScoped<ConnectionRefresher>();
        builder.Services.AddScoped<ConnectionDisconnector>();
        return builder;
    }
}
