namespace FinchDashboard.Dashboard.ConnectSessions;

public static class ConnectSessionsServiceCollectionExtensions
{
    /// <summary>Connect and reauth links, and the callback that turns a finished Connect into a live connection.</summary>
    public static IHostApplicationBuilder AddConnectSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConnectLinks>();
        builder.Services.AddScoped<IConnectLinkDesk, ConnectLinkDesk>();
        builder.Services.AddScoped<ConnectCallback>();
        return builder;
    }
}
