using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FinchDashboard.Dashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The PostgreSQL database every feature stands on: the context factory with its two save interceptors, and
    /// <see cref="SystemData"/> for the system's own work across every employer. Callers' scoped access is Access's
    /// <c>EmployerData</c>, which rests on this.
    /// </summary>
    public static IHostApplicationBuilder AddDashboardData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        var connectionString = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not configured. See README.md, Configuration.");

        services.AddSingleton(_ =>
        {
            // Traces name the pool, not its connection string, and leave out commands run outside any traced work
            // (the queue's polls, heartbeats): each would otherwise be a trace of its own every few seconds.
            var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "dashboard" };
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null));
            return dataSource.Build();
        });
        services.AddSingleton<ConnectionChangeNotifier>();
        services.AddSingleton<ConnectionSaveLock>();
        // In this order: the announcement is sent inside the save's transaction, which the lock commits after it.
        services.AddDbContextFactory<DashboardDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(provider.GetRequiredService<ConnectionChangeNotifier>(), provider.GetRequiredService<ConnectionSaveLock>()));
        services.AddSingleton<SystemData>();
        return builder;
    }
}
