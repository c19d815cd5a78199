namespace FinchDashboard.Dashboard.Users;

public static class UsersServiceCollectionExtensions
{
    /// <summary>Admins' management of dashboard users: roles, employer grants, deactivation and password resets.</summary>
    public static IHostApplicationBuilder AddUsers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserAdministration>();
        return builder;
    }
}
