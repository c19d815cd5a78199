namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// How the dashboard reaches Finch, bound from the <c>Finch</c> section (which also holds <c>Environment</c>, read by
/// <see cref="Shell.FinchEnvironmentOptions"/>). Credentials and webhook secrets come only from configuration:
/// user secrets or environment variables, never from code.
/// </summary>
public sealed class FinchOptions
{
    public const string Section = "Finch";

    /// <summary>Finch's production API; Development points at the FinchSandbox emulator instead.</summary>
    public const string FinchApiUrl = "https://api.tryfinch.com";

    public string BaseUrl { get; set; } = FinchApiUrl;

    /// <summary>
    /// The configured Finch is the FinchSandbox emulator, whose GET /connect/sessions/{id} says whether an employer has
    /// opened a Connect link. Finch's own API has no such endpoint, so this stays off for it: asking would be one failing
    /// call per waiting link on every load of the list.
    /// </summary>
    public bool SessionStatusExtension { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Sent as Finch-API-Version on every call; Finch requires it.</summary>
    public string ApiVersion { get; set; } = "2020-09-17";

    /// <summary>
    /// Base64 webhook signing secrets. More than one is accepted so a rotated secret and its successor both verify
    /// while Finch switches over. Configured as an array or as one string of space/comma separated values.
    /// </summary>
    public IReadOnlyList<string> WebhookSecrets { get; set; } = [];

    /// <summary>One HTTP attempt. Finch's servers give up after 6 minutes and advise clients to wait that long.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>Every attempt and wait of one call together; bounds how long a caller can be kept waiting.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt for 429, 202, 5xx and network failures; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; it grows exponentially with jitter (Finch's guide waits 2 s before retrying a 500).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of one backoff delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A 429 whose Retry-After is longer than this is returned to the caller at once instead of being waited out:
    /// a dashboard user should not stare at a spinner for a minute-long rate-limit window.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The share of failing attempts of one endpoint group, within the sampling window, that opens its circuit.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts a window needs before the ratio counts: a handful of calls failing is not yet an outage.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit refuses calls before one trial call may pass.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The base URL with the trailing slash relative request paths need.</summary>
    public Uri ApiRoot => new(BaseUrl.TrimEnd('/') + "/");

    /// <summary>Splits one configured string of secrets on spaces and commas.</summary>
    public static IReadOnlyList<string> SplitSecrets(string? value) =>
        value?.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
