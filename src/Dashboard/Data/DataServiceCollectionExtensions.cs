using FinchDashboard.Dashboard.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinchDashboard.Dashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL database every feature stands on: the context factory with its two save interceptors, and the
    /// two ways services open it, scoped to the caller (<see cref="EmployerData"/>) or to every employer (<see cref="SystemData"/>).
    /// </summary>
    public static IHostApplicationBuilder AddDashboardData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not configured. See README.md, Configuration.");

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<ConnectionChangeNotifier>();
        services.AddSingleton<ConnectionSaveLock>();
        // In this order: the announcement is sent inside the save's transaction, which the lock commits after it.
        services.AddDbContextFactory<DashboardDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(provider.GetRequiredService<ConnectionChangeNotifier>(), provider.GetRequiredService<ConnectionSaveLock>()));
        services.AddScoped<EmployerData>();
        services.AddSingleton<SystemData>();
        return builder;
    }
}
