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

/// <summary>GET /jobs/automated: the SDK's AutomatedListResponse, with the paging every Finch list carries.</summary>
public sealed record AutomatedJobList(AutomatedJobList.ListPaging Paging, AutomatedJobList.ListMeta Meta, IReadOnlyList<AutomatedJobResponse> Data)
{
    public sealed record ListPaging(int Count, int Offset);

    public sealed record ListMeta(Quotas Quotas);

    public sealed record Quotas(RefreshQuota DataSyncAll);

    public sealed record RefreshQuota(int AllowedRefreshes, int RemainingRefreshes);
}

/// <summary>
/// data_sync_all jobs (Finch's "Enqueue a New Automated Job" reference): one in flight per connection — a second request gets the
/// running job's id — and a fixed window of one forced refresh per hour per connection. A new automated connection
/// starts with its initial sync in flight, as at Finch, where data is there only once that job completes.
/// </summary>
public sealed class JobService(SandboxStore store, TimeProvider time)
{
    public const int AllowedRefreshesPerHour = 1;
    public const int MaxListLimit = 100;
    private static readonly TimeSpan RefreshWindow = TimeSpan.FromHours(1);

    private readonly Dictionary<string, (DateTimeOffset Start, int Used)> _windows = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    internal ChannelReader<string> Queue => _queue.Reader;

    public IResult Create(AccessToken token, string jobsBaseUrl)
    {
        lock (store.Gate)
        {
            var now = time.GetUtcNow();
            var window = CurrentWindow(token.ConnectionId, now);

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

            var job = Enqueue(token.ConnectionId, jobsBaseUrl, now, scheduledAt: null);
            _windows[token.ConnectionId] = window = (window.Start, window.Used + 1);
            return Results.Json(new AutomatedCreateResponse(AllowedRefreshesPerHour, AllowedRefreshesPerHour - window.Used, job.JobId, job.JobUrl, null));
        }
    }

    /// <summary>Queues a new connection's first data_sync_all; it uses none of the hourly forced refreshes.</summary>
    public void StartInitialSync(Connection connection, string jobsBaseUrl)
    {
        lock (store.Gate)
        {
            var now = time.GetUtcNow();
            Enqueue(connection.Id, jobsBaseUrl, now, scheduledAt: now);
        }
    }

    public IResult Get(AccessToken token, string jobId)
    {
        lock (store.Gate)
        {
            // Jobs of other connections are invisible, exactly like unknown ids.
            if (!store.Jobs.TryGetValue(jobId, out var job) || job.ConnectionId != token.ConnectionId)
                return FinchErrors.NotFound($"No automated job with id '{jobId}'.");
            return Results.Json(Describe(job));
        }
    }

    /// <summary>The connection's jobs, newest first, with its forced-refresh quota.</summary>
    public IResult List(AccessToken token, int? limit, int? offset)
    {
        if (limit is < 1 or > MaxListLimit) return FinchErrors.InvalidRequest($"limit must be between 1 and {MaxListLimit}.");
        if (offset is < 0) return FinchErrors.InvalidRequest("offset must not be negative.");
        lock (store.Gate)
        {
            var jobs = store.Jobs.Values
                .Where(j => j.ConnectionId == token.ConnectionId)
                .OrderByDescending(j => j.CreatedAt)
                .ToList();
            var skip = offset ?? 0;
            var window = CurrentWindow(token.ConnectionId, time.GetUtcNow());
            return Results.Json(new AutomatedJobList(
                new AutomatedJobList.ListPaging(jobs.Count, skip),
                new AutomatedJobList.ListMeta(new AutomatedJobList.Quotas(
                    new AutomatedJobList.RefreshQuota(AllowedRefreshesPerHour, AllowedRefreshesPerHour - window.Used))),
                [.. jobs.Skip(skip).Take(limit ?? MaxListLimit).Select(Describe)]));
        }
    }

    private (DateTimeOffset Start, int Used) CurrentWindow(string connectionId, DateTimeOffset now)
    {
        var window = _windows.GetValueOrDefault(connectionId);
        return now - window.Start >= RefreshWindow ? (now, 0) : window;
    }

    private AutomatedJob Enqueue(string connectionId, string jobsBaseUrl, DateTimeOffset now, DateTimeOffset? scheduledAt)
    {
        var jobId = SandboxStore.NewId();
        var job = new AutomatedJob
        {
            JobId = jobId,
            ConnectionId = connectionId,
            Type = "data_sync_all",
            JobUrl = $"{jobsBaseUrl}/jobs/automated/{jobId}",
            CreatedAt = now,
            ScheduledAt = scheduledAt,
        };
        store.Jobs[jobId] = job;
        _queue.Writer.TryWrite(jobId);
        return job;
    }

    private static AutomatedJobResponse Describe(AutomatedJob job) =>
        new(job.JobId, job.JobUrl, job.Type, job.Status, null, job.CreatedAt, job.ScheduledAt, job.StartedAt, job.CompletedAt);

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
