namespace FinchDashboard.FinchSandbox.Api;

/// <summary>
/// Turns malformed request bodies (bad JSON, wrong types) into Finch's 400 body instead of ASP.NET's empty 400,
/// and anything unexpected into Finch's 500 body. RouteHandlerOptions.ThrowOnBadRequest makes binding failures throw.
/// </summary>
public sealed class FinchExceptionMiddleware(RequestDelegate next, ILogger<FinchExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await FinchErrors.InvalidRequest(DescribeBadRequest(ex)).ExecuteAsync(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
            await FinchErrors.ServerError().ExecuteAsync(context);
        }
    }

    private static string DescribeBadRequest(BadHttpRequestException ex) =>
        ex.InnerException is System.Text.Json.JsonException json
            ? $"Failed to validate request: malformed JSON body ({json.Path ?? "root"})."
            : "Failed to validate request: " + ex.Message;
}
