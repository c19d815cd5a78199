namespace FinchDashboard.Dashboard.Triage;

public static class TriageServiceCollectionExtensions
{
    /// <summary>Support's queue of connections needing action, and their internal notes.</summary>
    public static IHostApplicationBuilder AddTriage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TriageQueue>();
        builder.Services.AddScoped<SupportNotes>();
        builder.Services.AddScoped<ISupportNotes>(provider => provider.GetRequiredService<SupportNotes>());
        return builder;
    }
}
