namespace FinchDashboard.StripeSandbox.Api;

/// <summary>Answers <see cref="StripeRequestException"/>s with their Stripe error, and anything unexpected with Stripe's 500 api_error.</summary>
public sealed class StripeExceptionMiddleware(RequestDelegate next, ILogger<StripeExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (StripeRequestException ex) when (!context.Response.HasStarted)
        {
            await ex.Error.ExecuteAsync(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await StripeErrors.InvalidRequest("Invalid request: " + ex.Message).ExecuteAsync(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await StripeErrors.ApiError().ExecuteAsync(context);
        }
    }
}
