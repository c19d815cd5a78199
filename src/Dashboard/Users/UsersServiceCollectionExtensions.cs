namespace FinchDashboard.Dashboard.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>
    /// Admins' management of dashboard users (roles, employer grants, deactivation and password resets), and each
    /// user's own password and sessions.
    /// </summary>
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<OwnAccount>();
        return builder;
    }
}
