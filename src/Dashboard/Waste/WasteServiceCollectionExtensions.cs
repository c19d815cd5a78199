namespace FinchDashboard.Dashboard.Waste;

public static class WasteServiceCollectionExtensions
{
    /// <summary>The billable waste page and its CSV.</summary>
    public static IHostApplicationBuilder AddWaste(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WasteOptions>()
            .Bind(builder.Configuration.GetSection(WasteOptions.Section))
            .Validate(o => o.NoSyncFor >= TimeSpan.FromDays(1),
                $"{WasteOptions.Section}:{nameof(WasteOptions.NoSyncFor)} must be at least one day: Finch syncs automated connections daily.")
            .ValidateOnStart();
        builder.Services.AddScoped<BillableWaste>();
        return builder;
    }
}
