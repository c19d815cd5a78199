using System.Net;
using Stripe;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// What one call to Stripe gave: its object and Request-Id, or why it failed, in words for the user, with Stripe's
/// status code when Stripe answered at all.
/// </summary>
public sealed record StripeCall<T>(T? Value, string? RequestId, string? Failure, HttpStatusCode? Status = null)
    where T : class
{
    public bool Succeeded => Value is not null;

    /// <summary>No answer: Stripe is unreachable or too slow.</summary>
    public bool Unanswered => !Succeeded && Status is null;
}

/// <summary>
/// Runs calls through Stripe.net and turns what can go wrong (Stripe's error answers, 429, timeouts, no answer) into a
/// <see cref="StripeCall{T}"/>: callers change nothing locally on a failure and say why.
/// </summary>
public static partial class StripeCalls
{
    public static async Task<StripeCall<T>> RunAsync<T>(Func<CancellationToken, Task<T>> call, ILogger logger, string what, CancellationToken cancellationToken)
        where T : StripeEntity<T>, IHasId
    {
        try
        {
            var value = await call(cancellationToken);
            return new StripeCall<T>(value, value.StripeResponse?.RequestId, null);
        }
        catch (StripeException ex)
        {
            var requestId = ex.StripeResponse?.RequestId;
            LogFailed(logger, what, (int)ex.HttpStatusCode, ex.StripeError?.Type, ex.StripeError?.Code, requestId);
            return new StripeCall<T>(null, requestId, Describe(ex), ex.HttpStatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogNoAnswer(logger, what, ex.GetType().Name);
            return new StripeCall<T>(null, null,
                "Stripe did not answer in time, so nothing was changed here. Try again in a moment.");
        }
    }

    private static string Describe(StripeException ex) => ex.HttpStatusCode switch
    {
        HttpStatusCode.TooManyRequests =>
            "Stripe is receiving too many requests from the dashboard just now (429), so nothing was changed here. Try again in a minute.",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            "Stripe refused the dashboard's API key, so nothing was changed here. An admin needs to check the Stripe configuration.",
        HttpStatusCode.NotFound =>
            "Stripe does not know this account any more, so nothing was changed here.",
        >= HttpStatusCode.InternalServerError =>
            "Stripe had a problem of its own, so nothing was changed here. Try again in a few minutes.",
        _ => $"Stripe refused the request, so nothing was changed here: {ex.StripeError?.Message ?? ex.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe refused {What}: HTTP {Status} {ErrorType} {ErrorCode} (request {StripeRequestId})")]
    private static partial void LogFailed(ILogger logger, string what, int status, string? errorType, string? errorCode, string? stripeRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe did not answer {What}: {Error}")]
    private static partial void LogNoAnswer(ILogger logger, string what, string error);
}
