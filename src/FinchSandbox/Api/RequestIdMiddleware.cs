namespace FinchDashboard.FinchSandbox.Api;

/// <summary>Every Finch response carries a Finch-Request-Id, errors included, so this runs first.</summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Finch-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
