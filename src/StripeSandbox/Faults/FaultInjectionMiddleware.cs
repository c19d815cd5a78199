using FinchDashboard.StripeSandbox.Api;

namespace FinchDashboard.StripeSandbox.Faults;

/// <summary>
/// Applies queued faults to API calls before authentication, where Stripe's own infrastructure would fail. The control
/// endpoints are never affected, so a test can always reset.
/// </summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1") || faults.Consume(context.Request.Path) is not { } fault)
        {
            await next(context);
            return;
        }

        switch (fault.Kind)
        {
            case "latency":
                await Task.Delay(fault.LatencyMs, context.RequestAborted);
                await next(context);
                break;
            case "rate_limit":
                await StripeErrors.RateLimited().ExecuteAsync(context);
                break;
            default:
                await StripeErrors.ApiError().ExecuteAsync(context);
                break;
        }
    }
}
