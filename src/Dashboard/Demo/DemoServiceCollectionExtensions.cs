namespace FinchDashboard.Dashboard.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>
    /// Demo mode: the seed, and the demo connections created in Finch's sandbox. Refused outside Development before
    /// anything reaches the database, because the demo users' password is published.
    /// </summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DemoOptions.Section);
        var enabled = section.Get<DemoOptions>()?.Enabled == true;
        if (enabled && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Demo mode seeds users with a published password and is only allowed in Development, not {builder.Environment.EnvironmentName}.");
        }

        builder.Services.AddOptions<DemoOptions>().Bind(section);
        builder.Services.AddScoped<DemoData>();
        if (enabled)
        {
            builder.Services.AddHostedService<DemoFinchSync>();
        }

        return builder;
    }
}
