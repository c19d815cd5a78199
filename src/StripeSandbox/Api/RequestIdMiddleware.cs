using FinchDashboard.StripeSandbox.Hosting;
using FinchDashboard.StripeSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Api;

/// <summary>Every Stripe answer carries a Request-Id and the Stripe-Version it speaks, errors included, so this runs first.</summary>
public sealed class RequestIdMiddleware(RequestDelegate next, IOptions<StripeSandboxOptions> options)
{
    public const string HeaderName = "Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var requestId = StripeIds.New("req");
        context.Items[HeaderName] = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            context.Response.Headers["Stripe-Version"] = options.Value.ApiVersion;
            return Task.CompletedTask;
        });
        return next(context);
    }
}

public static class RequestIdExtensions
{
    public static string RequestId(this HttpContext context) => (string)context.Items[RequestIdMiddleware.HeaderName]!;
}
