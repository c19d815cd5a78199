namespace FinchDashboard.Dashboard.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Live updates between instances: this instance LISTENs for the changes every save announces (the announcing
    /// interceptor is part of the data layer) and fans them out, in batches, to the pages open here.
    /// </summary>
    public static IHostApplicationBuilder AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectionChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ConnectionChangeFeed>());
        builder.Services.AddHostedService<ConnectionChangeListener>();
        return builder;
    }
}
