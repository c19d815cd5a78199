using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration;

/// <summary>
/// A test-only step placed ahead of the dashboard's own pipeline: an endpoint chosen for one path before routing (which
/// then keeps it, as the webhook benchmark's verify-only path does), so the request still passes every middleware of
/// the dashboard's.
/// </summary>
public static class TestPipeline
{
    public static IWebHostBuilder WithTestEndpoint(this IWebHostBuilder builder, string path, RequestDelegate handler, params object[] metadata) =>
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter>(_ => new Step(app => app.Use((context, next) =>
        {
            if (context.Request.Path == path)
            {
                context.SetEndpoint(new Endpoint(handler, new EndpointMetadataCollection(metadata), path));
            }

            return next(context);
        }))));

    private sealed class Step(Action<IApplicationBuilder> configure) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            configure(app);
            next(app);
        };
    }
}
