namespace FinchDashboard.Dashboard.Employers;

public static class EmployersServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddEmployers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<EmployerDirectory>();
        return builder;
    }
}
