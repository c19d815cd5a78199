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
            .Validate(options => Enum.IsDefined(options.Environment),
                "Finch:Environment must be Sandbox, Development or Production: the environment of the configured client id and secret.")
            .ValidateOnStart();
        return builder;
    }
}
