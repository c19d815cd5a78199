namespace FinchDashboard.Dashboard.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Finch's automated jobs: the connection page's job list and "Sync now".</summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobOptions>()
            .Bind(builder.Configuration.GetSection(JobOptions.Section))
            .Validate(o => o.ShownOnConnectionPage is >= 1 and <= 100,
                $"{JobOptions.Section}:{nameof(JobOptions.ShownOnConnectionPage)} must be between 1 and 100 (Finch's page size).")
            .Validate(o => o.RefreshWindow > TimeSpan.Zero,
                $"{JobOptions.Section}:{nameof(JobOptions.RefreshWindow)} must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<ConnectionJobs>();
        return builder;
    }
}
