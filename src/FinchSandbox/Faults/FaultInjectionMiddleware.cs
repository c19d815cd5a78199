using System.Globalization;
using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.SandboxHosting.Faults;

namespace FinchDashboard.FinchSandbox.Faults;

/// <summary>Answers injected faults with Finch's errors; the control endpoint itself is never affected.</summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults) : FaultMiddleware<FinchFaultRule>(next, faults)
{
    protected override bool CanFail(PathString path) => !path.StartsWithSegments(FaultEndpoints.BasePath);

    protected override async Task ApplyAsync(HttpContext context, FinchFaultRule fault, RequestDelegate next)
    {
        switch (fault.Kind)
        {
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
