namespace FinchDashboard.Dashboard.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The append-only audit log: written with each change it records, read by admins; attempts to reach another employer's data by id are recorded there too.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddScoped<AuditLogReader>();
        builder.Services.AddSingleton<OutOfScopeAccess>();
        return builder;
    }
}
