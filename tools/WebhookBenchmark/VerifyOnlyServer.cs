using FinchDashboard.Dashboard.Components;
using FinchDashboard.Dashboard.Finch;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The baseline the stored figure is compared with: the dashboard itself (its Program, services and background work,
/// in Production) in its own process, with one path the dashboard does not carry: <see cref="Path"/> checks a delivery
/// with the dashboard's own verifier, behind all of the dashboard's middleware, and stores nothing. So the ratio
/// measures what durable storing costs, not the pipeline both paths share.
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

    // The dashboard answers every unmatched path itself (its not-found page) and its code has no hook for a path of ours,
    // so the path's endpoint is chosen here, ahead of routing, which then keeps it: the request still passes every
    // middleware of the dashboard's, anonymous and without antiforgery, as a delivery to the real webhook endpoint does.
    private sealed class VerifyOnlyPath : IStartupFilter
    {
        private static readonly Endpoint Endpoint = new(VerifyAsync,
            new EndpointMetadataCollection(new AllowAnonymousAttribute(), new RequireAntiforgeryTokenAttribute(required: false)), Path);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate after) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == Path)
                {
                    context.SetEndpoint(Endpoint);
                }

                return after(context);
            });
            next(app);
        };

        private static async Task VerifyAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var verifier = context.RequestServices.GetRequiredService<FinchWebhookVerifier>();
            var verification = verifier.Verify(body.GetBuffer().AsSpan(0, (int)body.Length), context.Request.Headers);
            context.Response.StatusCode = verification.IsValid ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
        }
    }
}
