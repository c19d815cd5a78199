namespace FinchDashboard.FinchSandbox.RateLimits;

/// <summary>
/// Finch's application rate limits (Finch's "Rate Limits" guide): per client_id and product, counted over a rolling
/// 60-second window across all access tokens.
/// </summary>
public sealed class ApplicationRateLimiter(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>Max requests initiated per minute, from the Application Rate Limits table of Finch's "Rate Limits" guide.</summary>
    public static readonly IReadOnlyDictionary<string, int> LimitsPerMinute = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["company"] = 20,
        ["directory"] = 20,
        ["individual"] = 20,
        ["employment"] = 20,
        ["payment"] = 12,
        ["pay-groups"] = 12,
        ["pay-statement"] = 12,
    };

    private readonly Dictionary<(string ClientId, string Product), Queue<DateTimeOffset>> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>Records a request; returns null when allowed, otherwise how long until a slot frees up.</summary>
    public TimeSpan? TryAcquire(string clientId, string product)
    {
        if (!LimitsPerMinute.TryGetValue(product, out var limit)) return null;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_requests.TryGetValue((clientId, product), out var log)) _requests[(clientId, product)] = log = new Queue<DateTimeOffset>();
            while (log.Count > 0 && now - log.Peek() >= Window) log.Dequeue();
            if (log.Count >= limit) return log.Peek() + Window - now;
            log.Enqueue(now);
            return null;
        }
    }
}
