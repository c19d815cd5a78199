using FinchDashboard.SandboxHosting;
using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Customers;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.Faults;
using FinchDashboard.StripeSandbox.LinkPage;
using FinchDashboard.StripeSandbox.Sandbox;
using FinchDashboard.StripeSandbox.Sessions;
using FinchDashboard.StripeSandbox.State;
using FinchDashboard.StripeSandbox.TestHelpers;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Hosting;

public static class StripeSandboxHostingExtensions
{
    public static WebApplicationBuilder AddStripeSandbox(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StripeSandboxOptions>()
            .Bind(builder.Configuration.GetSection(StripeSandboxOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StripeSandboxOptions>, DescriptiveValidation>();

        services.AddSandboxHosting<StripeSandboxOptions, WebhookDispatcher>(WebhookDispatcher.HttpClientName);
        services.AddSingleton<StripeStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<Expansion>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<LinkFlow>();
        services.AddSingleton<EventPublisher>();
        services.AddSingleton<FaultInjector>();
        return builder;
    }

    public static WebApplication UseStripeSandbox(this WebApplication app)
    {
        var faultsEnabled = app.Services.GetRequiredService<IOptions<StripeSandboxOptions>>().Value.EnableFaultInjection;

        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<StripeExceptionMiddleware>();
        app.UseRouting();
        if (faultsEnabled) app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<StripeAuthMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapCustomerEndpoints();
        app.MapSessionEndpoints();
        app.MapAccountEndpoints();
        app.MapTestHelperEndpoints();
        app.MapLinkPageEndpoints();
        app.MapSandboxAccountEndpoints();
        if (faultsEnabled) app.MapFaultEndpoints();
        app.MapFallback((HttpContext context) => StripeErrors.UnrecognizedUrl(context.Request.Method, context.Request.Path));
        return app;
    }

    /// <summary>Reports every configuration problem by name at startup instead of one generic failure.</summary>
    private sealed class DescriptiveValidation : IValidateOptions<StripeSandboxOptions>
    {
        public ValidateOptionsResult Validate(string? name, StripeSandboxOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
