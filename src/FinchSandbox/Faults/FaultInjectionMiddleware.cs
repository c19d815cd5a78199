using System.Globalization;
using FinchDashboard.FinchSandbox.Api;

namespace FinchDashboard.FinchSandbox.Faults;

/// <summary>
/// Applies queued faults before authentication, where Finch's own infrastructure would fail. The control endpoint
/// itself is never affected, so a test can always reset.
/// </summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(FaultEndpoints.BasePath) || faults.Consume(context.Request.Path) is not { } fault)
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
            case "client_type":
                context.Items[FaultInjector.ClientTypeItem] = fault.ClientType;
                await next(context);
                break;
            case "rate_limit":
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await FinchErrors.ApplicationRateLimited().ExecuteAsync(context);
                break;
            default:
                await ErrorOf(fault.Kind).ExecuteAsync(context);
                break;
        }
    }

    private static IResult ErrorOf(string kind) => kind switch
    {
        "account_setup_required" => FinchErrors.AccountSetupRequired(),
        "payment_required" => FinchErrors.PaymentRequired(),
        "no_access" => FinchErrors.NoAccess(),
        "unprocessable" => FinchErrors.UnsupportedParameters(),
        "not_implemented" => FinchErrors.NotImplemented(),
        _ => FinchErrors.ServerError(),
    };
}
