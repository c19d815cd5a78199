using FinchDashboard.SandboxHosting;

namespace FinchDashboard.FinchSandbox.Hosting;

/// <summary>Settings of the emulator, bound from the <c>FinchSandbox</c> configuration section.</summary>
public sealed class FinchSandboxOptions : ISandboxOptions
{
    public const string SectionName = "FinchSandbox";

    /// <summary>The one application (client) this emulator serves; Basic auth and /auth/token check it.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Base64 secret used to sign webhooks, as Finch's dashboard hands it out.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Where webhooks go; empty means no webhooks are sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Base of connect_url and job_url; empty means "derive from the incoming request".</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Reported as client_type in /introspect and /auth/token.</summary>
    public string ClientType { get; set; } = "sandbox";

    /// <summary>Maps the /_sandbox/faults control endpoint; off so a normal run can never be sabotaged by accident.</summary>
    public bool EnableFaultInjection { get; set; }

    /// <summary>
    /// Finch's per-minute application rate limits; on as at Finch. A suite of tests sharing one emulator turns them off,
    /// so that a test does not depend on how many calls the tests before it made within the minute.
    /// </summary>
    public bool EnforceApplicationRateLimits { get; set; } = true;

    /// <summary>How long an automated data_sync_all job takes before it completes.</summary>
    public TimeSpan JobDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Authorization codes from Finch Connect are short-lived.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; each further attempt doubles it.</summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClientId)) yield return "FinchSandbox:ClientId is required.";
        if (string.IsNullOrWhiteSpace(ClientSecret)) yield return "FinchSandbox:ClientSecret is required.";
        if (!IsBase64(WebhookSecret)) yield return "FinchSandbox:WebhookSecret must be a non-empty base64 string.";
        if (!string.IsNullOrWhiteSpace(WebhookUrl) && !Uri.TryCreate(WebhookUrl, UriKind.Absolute, out _))
            yield return "FinchSandbox:WebhookUrl must be an absolute URL.";
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
            yield return "FinchSandbox:PublicBaseUrl must be an absolute URL.";
        if (WebhookMaxAttempts < 1) yield return "FinchSandbox:WebhookMaxAttempts must be at least 1.";
        if (JobDuration < TimeSpan.Zero) yield return "FinchSandbox:JobDuration must not be negative.";
    }

    private static bool IsBase64(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
