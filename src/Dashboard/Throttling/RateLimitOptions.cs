using System.Threading.RateLimiting;

namespace FinchDashboard.Dashboard.Throttling;

/// <summary>
/// How often a client may reach what an attacker would aim at, bound from the <c>RateLimits</c> section. A limit counts
/// requests, not failures (a correct sign-in uses a permit too), and a refused request is answered 429 with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Sign-in form posts from one client address, whatever the emails: stops one client trying many accounts, which
    /// per-account lockout cannot see. Ten a minute is more than a person types, and more than an office behind one
    /// address signs in within the same minute.
    /// </summary>
    public WindowLimit SignInPerAddress { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Sign-in form posts for one email (trimmed, lower-case), from any addresses: bounds the work many clients can make
    /// one account cost. Identity's lockout (<c>SecurityPolicy:MaxFailedSignInAttempts</c> wrong passwords, 5, lock the
    /// account for <c>SecurityPolicy:LockoutDuration</c>, 15 minutes) already stops the guessing, and tells a person what
    /// to do (wait, or ask an administrator). So this limit sits above it: twice the lockout's attempts within its
    /// duration. Someone who locked themselves out reads the lockout message on their next tries, and only whoever
    /// keeps going meets the 429. Start-up refuses a limit at or below <c>SecurityPolicy:MaxFailedSignInAttempts</c>.
    /// </summary>
    public WindowLimit SignInPerEmail { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// GET /finch/callback from one client address. An employer arrives here once per completed Connect session, so
    /// thirty a minute leaves room for an office connecting many companies, while bounding how many states (and Finch
    /// code exchanges) one client can try.
    /// </summary>
    public WindowLimit ConnectCallbackPerAddress { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// POST /webhooks/finch from one client address. Finch must never be throttled in normal use: a burst of its
    /// deliveries, or the webhook benchmark posting thousands a second from one address, stays far below 20,000 a
    /// second; only a flood meets this limit.
    /// </summary>
    public TokenBucketLimit WebhooksPerAddress { get; set; } = new()
    {
        TokenLimit = 20_000,
        TokensPerPeriod = 20_000,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
    };

    /// <summary>
    /// CSV exports one signed-in user may run at once: an export streams every row of a tab from the database, so a
    /// second one started before the first finished (a double click, a script) is refused rather than queued.
    /// </summary>
    public ConcurrencyLimit ExportsPerUser { get; set; } = new() { PermitLimit = 1, RetryAfter = TimeSpan.FromSeconds(10) };
}

/// <summary>At most <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public FixedWindowRateLimiterOptions ToLimiterOptions() => new() { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0 };
}

/// <summary>A burst of up to <see cref="TokenLimit"/> requests, refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>.</summary>
public sealed class TokenBucketLimit
{
    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; }

    public TokenBucketRateLimiterOptions ToLimiterOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
    };
}

/// <summary>At most <see cref="PermitLimit"/> requests running at once; none waits.</summary>
public sealed class ConcurrencyLimit
{
    public int PermitLimit { get; set; }

    /// <summary>
    /// The Retry-After a refused request is given. A running request holds its permit until it ends, which no limiter
    /// can foresee, so this is a hint rather than a promise.
    /// </summary>
    public TimeSpan RetryAfter { get; set; }

    public ConcurrencyLimiterOptions ToLimiterOptions() => new() { PermitLimit = PermitLimit, QueueLimit = 0 };
}
