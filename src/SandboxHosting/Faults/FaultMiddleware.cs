using Microsoft.AspNetCore.Http;

namespace FinchDashboard.SandboxHosting.Faults;

/// <summary>
/// Applies queued faults before authentication, where the service's own infrastructure would fail. A latency fault
/// delays the request; the emulator answers every other kind in its service's wire format.
/// </summary>
public abstract class FaultMiddleware<TRule>(RequestDelegate next, FaultQueue<TRule> faults) where TRule : FaultRule
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!CanFail(context.Request.Path) || faults.Consume(context.Request.Path) is not { } fault)
        {
            await next(context);
            return;
        }

        if (fault.Kind == FaultRule.Latency)
        {
            await Task.Delay(fault.LatencyMs, context.RequestAborted);
            await next(context);
            return;
        }
        await ApplyAsync(context, fault, next);
    }

    /// <summary>Whether a request may be hit; the control endpoints never are, so a test can always reset.</summary>
    protected abstract bool CanFail(PathString path);

    /// <summary>Answers <paramref name="fault"/> (any kind but latency), or changes the request and passes it on to <paramref name="next"/>.</summary>
    protected abstract Task ApplyAsync(HttpContext context, TRule fault, RequestDelegate next);
}
