using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Connections;
using FinchDashboard.FinchSandbox.ConnectPage;
using FinchDashboard.FinchSandbox.ConnectSessions;
using FinchDashboard.FinchSandbox.Disconnect;
using FinchDashboard.FinchSandbox.Employer;
using FinchDashboard.FinchSandbox.Faults;
using FinchDashboard.FinchSandbox.Jobs;
using FinchDashboard.FinchSandbox.Providers;
using FinchDashboard.FinchSandbox.RateLimits;
using FinchDashboard.FinchSandbox.Sandbox;
using FinchDashboard.FinchSandbox.State;
using FinchDashboard.FinchSandbox.Webhooks;
using FinchDashboard.SandboxHosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Hosting;

public static class SandboxHostingExtensions
{
    public static WebApplicationBuilder AddFinchSandbox(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FinchSandboxOptions>()
            .Bind(builder.Configuration.GetSection(FinchSandboxOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FinchSandboxOptions>, DescriptiveValidation>();

        services.Configure<JsonOptions>(o => FinchJson.Configure(o.SerializerOptions));
        // Body binding failures throw so FinchExceptionMiddleware can answer in Finch's error format.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddSandboxHosting<FinchSandboxOptions, WebhookDispatcher>(WebhookDispatcher.HttpClientName);
        services.AddSingleton<SandboxStore>();
        services.AddSingleton<ClientCredentials>();
        services.AddSingleton<ConnectionService>();
        services.AddSingleton<ConnectSessionService>();
        services.AddSingleton<ConnectFlow>();
        services.AddSingleton<ApplicationRateLimiter>();
        services.AddSingleton<JobService>();
        services.AddHostedService<JobRunner>();
        services.AddSingleton<WebhookPublisher>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestLog>();
        return builder;
    }

    public static WebApplication UseFinchSandbox(this WebApplication app)
    {
        var faultsEnabled = app.Services.GetRequiredService<IOptions<FinchSandboxOptions>>().Value.EnableFaultInjection;

        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<FinchExceptionMiddleware>();
        app.UseRouting();
        if (faultsEnabled) app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<FinchAuthMiddleware>();
        if (faultsEnabled) app.UseMiddleware<RequestLog.Middleware>();
        app.UseMiddleware<DataAccessMiddleware>();

        app.MapTokenEndpoints();
        app.MapConnectSessionEndpoints();
        app.MapConnectPageEndpoints();
        app.MapIntrospectEndpoints();
        app.MapDisconnectEndpoints();
        app.MapProviderEndpoints();
        app.MapProviderLogoEndpoints();
        app.MapCompanyEndpoints();
        app.MapJobEndpoints();
        app.MapSandboxConnectionEndpoints();
        if (faultsEnabled) app.MapFaultEndpoints();
        return app;
    }

    /// <summary>Reports every configuration problem by name at startup instead of one generic failure.</summary>
    private sealed class DescriptiveValidation : IValidateOptions<FinchSandboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, FinchSandboxOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
