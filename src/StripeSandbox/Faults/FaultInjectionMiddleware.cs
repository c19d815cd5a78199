using FinchDashboard.SandboxHosting.Faults;
using FinchDashboard.StripeSandbox.Api;

namespace FinchDashboard.StripeSandbox.Faults;

/// <summary>Answers injected faults on API calls with Stripe's errors; the control endpoints are never affected.</summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults) : FaultMiddleware<FaultRule>(next, faults)
{
    protected override bool CanFail(PathString path) => path.StartsWithSegments("/v1");

    protected override Task ApplyAsync(HttpContext context, FaultRule fault, RequestDelegate next) =>
        (fault.Kind == "rate_limit" ? StripeErrors.RateLimited() : StripeErrors.ApiError()).ExecuteAsync(context);
}
