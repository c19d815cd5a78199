using System.Text.Json.Serialization;
using System.Threading.Channels;
using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.State;

namespace FinchDashboard.FinchSandbox.Jobs;

public sealed record AutomatedCreateResponse(
    int AllowedRefreshes,
    int RemainingRefreshes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RetryAt);

/// <summary>Refresh quota exhausted: Finch's 429 error fields plus the quota fields of AutomatedCreateResponse.</summary>
public sealed record RefreshLimitedBody(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    int Status,
    int Code,
    string Message,
    string Name,
    int AllowedRefreshes,
    int RemainingRefreshes,
    DateTimeOffset RetryAt);

public sealed record AutomatedJobResponse(
    string JobId,
    string JobUrl,
    string Type,
    string Status,
    object? Params,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// data_sync_all jobs (seed, Enqueue a New Automated Job): one in flight per connection — a second request gets the
/// running job's id — and a fixed window of one forced refresh per hour per connection.
/// </summary>
public sealed class JobService(SandboxStore store, TimeProvider time)
{
    public const int AllowedRefreshesPerHour = 1;
    private static readonly TimeSpan RefreshWindow = TimeSpan.FromHours(1);

    private readonly Dictionary<string, (DateTimeOffset Start, int Used)> _windows = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    internal ChannelReader<string> Queue => _queue.Reader;

    public IResult Create(AccessToken token, string jobsBaseUrl)
    {
        lock (store.Gate)
        {
            var now = time.GetUtcNow();
            var window = _windows.GetValueOrDefault(token.ConnectionId);
            if (now - window.Start >= RefreshWindow) window = (now, 0);

            var running = store.Jobs.Values.FirstOrDefault(j => j.ConnectionId == token.ConnectionId && j.InFlight);
            if (running is not null)
                return Results.Json(new AutomatedCreateResponse(AllowedRefreshesPerHour, AllowedRefreshesPerHour - window.Used, running.JobId, running.JobUrl, null));

            if (window.Used >= AllowedRefreshesPerHour)
            {
                var retryAt = window.Start + RefreshWindow;
                return new RefreshLimited(new RefreshLimitedBody(429, 429, 429,
                    "The data_sync_all refresh limit for this connection has been reached.", "rate_limit_exceeded_error",
                    AllowedRefreshesPerHour, 0, retryAt), retryAt - now);
            }

            var jobId = SandboxStore.NewId();
            var job = new AutomatedJob
            {
                JobId = jobId,
                ConnectionId = token.ConnectionId,
                Type = "data_sync_all",
                JobUrl = $"{jobsBaseUrl}/jobs/automated/{jobId}",
                CreatedAt = now,
            };
            store.Jobs[jobId] = job;
            _windows[token.ConnectionId] = window = (window.Start, window.Used + 1);
            _queue.Writer.TryWrite(jobId);
            return Results.Json(new AutomatedCreateResponse(AllowedRefreshesPerHour, AllowedRefreshesPerHour - window.Used, job.JobId, job.JobUrl, null));
        }
    }

    public IResult Get(AccessToken token, string jobId)
    {
        lock (store.Gate)
        {
            // Jobs of other connections are invisible, exactly like unknown ids.
            if (!store.Jobs.TryGetValue(jobId, out var job) || job.ConnectionId != token.ConnectionId)
                return FinchErrors.NotFound($"No automated job with id '{jobId}'.");
            return Results.Json(new AutomatedJobResponse(job.JobId, job.JobUrl, job.Type, job.Status, null, job.CreatedAt, null, job.StartedAt, job.CompletedAt));
        }
    }

    /// <summary>429 with a Retry-After header, which Results.Json alone cannot set.</summary>
    private sealed class RefreshLimited(RefreshLimitedBody body, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(body, statusCode: 429).ExecuteAsync(httpContext);
        }
    }
}
