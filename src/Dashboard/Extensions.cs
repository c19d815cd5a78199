using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Dashboard.SelfService;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using MudBlazor.Services;

namespace FinchDashboard.Dashboard;

/// <summary>Every service the dashboard registers, in one place.</summary>
public static class Extensions
{
    public static void AddDashboardServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<FinchEnvironmentOptions>().Bind(configuration.GetSection(FinchEnvironmentOptions.Section)).ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        services.AddFinchClient(configuration);

        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not configured. See README.md, Configuration.");
        services.AddDashboardData(connectionString);
        services.AddSingleton<ConnectionChangeFeed>();
        services.AddHostedService<ConnectionChangeListener>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        var dataProtection = services.AddDataProtection().SetApplicationName("FinchDashboard");
        if (configuration.GetSection(DataProtectionKeysOptions.Section).Get<DataProtectionKeysOptions>()?.KeysDirectory is { Length: > 0 } keysDirectory)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        }

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization(options => options.AddPermissionPolicies());
        services.AddIdentityCore<DashboardUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Password.RequiredLength = 12;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager<DashboardSignInManager>()
            .AddClaimsPrincipalFactory<DashboardClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "finch_dashboard";
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // How stale a sign-in cookie may be: after this, the next request re-reads the user, so a deactivated user,
        // a reset password or changed roles end the session within a minute (circuits: RevalidatingAuthenticationStateProvider).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = RevalidatingAuthenticationStateProvider.Interval);

        services.AddScoped<EmployerDirectory>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AuditLogReader>();
        services.AddScoped<ConnectionDirectory>();
        services.AddScoped<EmployerOverview>();
        services.AddScoped<ConnectionRefresher>();
        services.AddScoped<ConnectionDisconnector>();
        services.AddScoped<ConnectLinks>();
        services.AddScoped<IConnectLinkDesk, ConnectLinkDesk>();
        services.AddScoped<TriageQueue>();
        services.AddScoped<SupportNotes>();
        services.AddScoped<ISupportNotes>(provider => provider.GetRequiredService<SupportNotes>());
        services.AddScoped<ConnectCallback>();
        services.AddOptions<TokenEncryptionOptions>()
            .Bind(configuration.GetSection(TokenEncryptionOptions.Section))
            .Validate(o => o.Keys.Count > 0, $"{TokenEncryptionOptions.Section}:Keys needs at least one \"id:base64\" AES-256 key (see README.md, Configuration).")
            .ValidateOnStart();
        services.AddSingleton<AccessTokenProtector>();
        services.AddSingleton<ConnectionTokens>();
        services.AddOptions<HealthCheckOptions>()
            .Bind(configuration.GetSection(HealthCheckOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), $"{HealthCheckOptions.Section}:Interval must be at least one second.")
            .Validate(o => o.MaxRequestsPerMinute is >= 1 and <= HealthCheckOptions.MaxAllowedRequestsPerMinute,
                $"{HealthCheckOptions.Section}:MaxRequestsPerMinute must be between 1 and {HealthCheckOptions.MaxAllowedRequestsPerMinute} (Finch's rate limits; see README.md, Configuration).")
            .Validate(o => o.FirstPassDelay >= TimeSpan.Zero, $"{HealthCheckOptions.Section}:FirstPassDelay must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ConnectionHealthMonitor>();
        services.AddScoped<HealthCheckReport>();
        services.AddHostedService(provider => provider.GetRequiredService<ConnectionHealthMonitor>());
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0 && o.BatchSize > 0 && o.MaxAttempts > 0 && o.PollInterval > TimeSpan.Zero && o.MaxApplyDelay >= TimeSpan.Zero,
                $"{WebhookOptions.Section}: MaxBodyBytes, BatchSize, MaxAttempts and PollInterval must be positive, MaxApplyDelay not negative.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookInbox>();
        services.AddSingleton<UnmatchedWebhooks>();
        services.AddTransient<WebhookApplier>();
        services.AddHostedService<WebhookProcessor>();
        services.AddScoped<WebhookMonitor>();
        services.AddScoped<DemoData>();
        if (configuration.GetSection(DemoOptions.Section).Get<DemoOptions>()?.Enabled == true)
        {
            services.AddHostedService<DemoFinchSync>();
        }
    }

    /// <summary>
    /// The database and the caller-scoped access to it that every service stands on: employer scoping, the audit trail,
    /// and the live-update notifier on every save. Also what the list benchmark measures the services with.
    /// </summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<ConnectionChangeNotifier>();
        services.AddSingleton<ConnectionSaveLock>();
        // In this order: the announcement is sent inside the save's transaction, which the lock commits after it.
        services.AddDbContextFactory<DashboardDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .AddInterceptors(provider.GetRequiredService<ConnectionChangeNotifier>(), provider.GetRequiredService<ConnectionSaveLock>()));
        services.AddScoped<EmployerData>();
        services.AddSingleton<SystemData>();
        services.AddScoped<CurrentCaller>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<OutOfScopeAccess>();
        return services;
    }

    /// <summary>Applies migrations and seeds demo mode when configured. Demo mode outside Development is refused.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Enabled && !app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Demo mode seeds users with a published password and is only allowed in Development, not {app.Environment.EnvironmentName}.");
        }

        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }

        if (demo.Enabled)
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(demo.Password);
        }
    }
}
