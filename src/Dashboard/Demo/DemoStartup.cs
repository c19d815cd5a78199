using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Demo;

public static class DemoStartup
{
    /// <summary>Seeds the demo employers and users when demo mode is on; run after the database is migrated.</summary>
    public static async Task SeedDemoDataAsync(this IHost app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Enabled)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(demo.Password, demo.AuthenticatorKey);
    }
}
