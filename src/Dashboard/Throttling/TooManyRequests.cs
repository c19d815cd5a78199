using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace FinchDashboard.Dashboard.Throttling;

/// <summary>
/// The answer to a refused request: 429 (set by the middleware), Retry-After in whole seconds, and in words how long to
/// wait and what to do then. A browser gets a small HTML page (the sign-in form, a Connect redirect and a download are
/// all opened by a person); anything else, such as Finch's webhook sender, one line of text.
/// </summary>
public sealed class TooManyRequests(RateLimitOptions limits)
{
    private sealed record Words(string Title, Func<string, string> Advice, string? LinkText = null);

    private static readonly Words SignIn = new("Too many sign-in attempts",
        wait => $"There have been too many attempts to sign in from your network or to this account. Wait {wait}, then sign in again.",
        "Back to sign in");

    private static readonly Dictionary<string, Words> ByPolicy = new()
    {
        [Throttles.ConnectCallback] = new("Too many requests",
            wait => $"Too many connection attempts came from your network. Wait {wait}, then reload this page to finish connecting."),
        [Throttles.Webhooks] = new("Too many webhook deliveries",
            wait => $"Too many deliveries came from this address. Retry after {wait}."),
        [Throttles.Export] = new("An export is already running",
            _ => "Your previous export has not finished yet. Wait for its download to finish, then export again."),
    };

    public async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // Only the sign-in form has no endpoint policy and meets a limit: everything else passes the global limiter.
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var words = policy is null ? SignIn : ByPolicy[policy];
        // Window and token limits know when a permit comes back; the export's concurrency limit cannot know when the
        // running export ends, so it answers with its configured hint.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var leaseRetryAfter)
            ? leaseRetryAfter
            : limits.ExportsPerUser.RetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var advice = words.Advice(Wait(seconds));
        if (AcceptsHtml(context.Request))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(words, advice, context.Request), cancellationToken);
        }
        else
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"{words.Title}. {advice}\n", cancellationToken);
        }
    }

    /// <summary>How long to wait, in words: seconds under a minute, whole minutes (rounded up) above.</summary>
    public static string Wait(int seconds)
    {
        if (seconds < 60)
        {
            return seconds == 1 ? "1 second" : $"{seconds} seconds";
        }

        var minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(type => type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string Page(Words words, string advice, HttpRequest request)
    {
        var html = HtmlEncoder.Default;
        var link = words.LinkText is null
            ? ""
            : $"<p><a href=\"{html.Encode(request.PathBase + request.Path + request.QueryString)}\">{html.Encode(words.LinkText)}</a></p>";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.Encode(words.Title)} · FinchDashboard</title></head>
            <body><main><h1>{html.Encode(words.Title)}</h1><p>{html.Encode(advice)}</p>{link}</main></body>
            </html>
            """;
    }
}
