namespace FinchDashboard.Dashboard.SelfService;

public static class SelfServiceServiceCollectionExtensions
{
    /// <summary>Employer admins' own view of their connections.</summary>
    public static IHostApplicationBuilder AddSelfService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<EmployerOverview>();
        return builder;
    }
}
