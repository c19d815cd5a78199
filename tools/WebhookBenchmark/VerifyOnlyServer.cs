using FinchDashboard.Dashboard.Components;
using FinchDashboard.Dashboard.Finch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The baseline the stored figure is compared with: the dashboard itself (its Program, services and background work,
/// in Production) in its own process, with one path the dashboard does not carry: <see cref="Path"/> checks a delivery
/// with the dashboard's own verifier and stores nothing.
/// </summary>
// Any type of the dashboard's assembly names its entry point; its own Program would clash with this tool's.
internal sealed class VerifyOnlyServer(int port) : WebApplicationFactory<App>
{
    public const string Command = "verify-only";

    public const string Path = "/benchmark/verify-only";

    /// <summary>Serves until the benchmark ends the process.</summary>
    public static async Task RunAsync(int port)
    {
        await using var server = new VerifyOnlyServer(port);
        server.UseKestrel(port);
        server.StartServer();
        await Task.Delay(Timeout.Infinite);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseUrls($"http://127.0.0.1:{port}");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, VerifyOnlyPath>());
    }

    // Ahead of the dashboard's own middleware: the dashboard answers every unmatched path itself (its not-found page),
    // so nothing placed after its pipeline is reached, and the dashboard's code has no hook for a path of ours.
    private sealed class VerifyOnlyPath : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate after) =>
            {
                if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != Path)
                {
                    await after(context);
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                var verifier = context.RequestServices.GetRequiredService<FinchWebhookVerifier>();
                var verification = verifier.Verify(body.GetBuffer().AsSpan(0, (int)body.Length), context.Request.Headers);
                context.Response.StatusCode = verification.IsValid ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
            });
            next(app);
        };
    }
}
