namespace FinchDashboard.Dashboard.ConnectSessions;

public static class ConnectSessionsServiceCollectionExtensions
{
    /// <summary>
    /// Connect and reauth links, the redirect URIs they may carry (validated at start-up), and the callback that turns a
    /// finished Connect into a live connection.
    /// </summary>
    public static IHostApplicationBuilder AddConnectSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectRedirectOptions>()
            .Bind(builder.Configuration.GetSection(ConnectRedirectOptions.Section))
            .Validate(o => o.RedirectUris.All(ConnectRedirects.IsValid),
                $"{ConnectRedirectOptions.Section}:RedirectUris must all be absolute http(s) addresses.")
            .ValidateOnStart();
        builder.Services.AddScoped<ConnectRedirects>();
        builder.Services.AddScoped<ConnectLinks>();
        builder.Services.AddScoped<IConnectLinkDesk, ConnectLinkDesk>();
        builder.Services.AddScoped<ConnectCallback>();
        return builder;
    }
}
