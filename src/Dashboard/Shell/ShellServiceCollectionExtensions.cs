using MudBlazor.Services;

namespace FinchDashboard.Dashboard.Shell;

public static class ShellServiceCollectionExtensions
{
    /// <summary>What every page stands in: interactive server components, MudBlazor, and the Finch environment badge.</summary>
    public static IHostApplicationBuilder AddShell(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddOptions<FinchEnvironmentOptions>()
            .Bind(builder.Configuration.GetSection(FinchEnvironmentOptions.Section))
            .ValidateOnStart();
        return builder;
    }
}
