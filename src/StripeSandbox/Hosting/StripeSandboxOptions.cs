using FinchDashboard.SandboxHosting;

namespace FinchDashboard.StripeSandbox.Hosting;

/// <summary>Settings of the emulator, bound from the <c>StripeSandbox</c> configuration section.</summary>
public sealed class StripeSandboxOptions : ISandboxOptions
{
    public const string SectionName = "StripeSandbox";

    /// <summary>The one secret key the API accepts, as Bearer token or Basic user name.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>), used as Stripe's SDKs use it: the whole string is the HMAC key.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Where events are POSTed; empty means no webhooks are sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Base of the hosted authentication page's URL; empty means "derive from the incoming request".</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Put in events' api_version and the Stripe-Version header; Stripe.net refuses events of another version by default.</summary>
    public string ApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>How long a refresh stays pending before it succeeds.</summary>
    public TimeSpan RefreshDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Maps the /_sandbox/faults control endpoint; off so a normal run can never be sabotaged by accident.</summary>
    public bool EnableFaultInjection { get; set; }

    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; each further attempt doubles it.</summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    internal IEnumerable<string> Validate()
    {
        // Test-mode keys only: every object here says livemode: false.
        if (!SecretKey.StartsWith("sk_test_", StringComparison.Ordinal) || SecretKey.Length <= "sk_test_".Length)
            yield return "StripeSandbox:SecretKey is required and must be a test-mode key (sk_test_…).";
        if (!WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal) || WebhookSecret.Length <= "whsec_".Length)
            yield return "StripeSandbox:WebhookSecret is required and must be a webhook signing secret (whsec_…).";
        if (!string.IsNullOrWhiteSpace(WebhookUrl) && !Uri.TryCreate(WebhookUrl, UriKind.Absolute, out _))
            yield return "StripeSandbox:WebhookUrl must be an absolute URL.";
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && !Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out _))
            yield return "StripeSandbox:PublicBaseUrl must be an absolute URL.";
        if (string.IsNullOrWhiteSpace(ApiVersion)) yield return "StripeSandbox:ApiVersion is required.";
        if (RefreshDuration < TimeSpan.Zero) yield return "StripeSandbox:RefreshDuration must not be negative.";
        if (WebhookMaxAttempts < 1) yield return "StripeSandbox:WebhookMaxAttempts must be at least 1.";
        if (WebhookRetryBaseDelay < TimeSpan.Zero) yield return "StripeSandbox:WebhookRetryBaseDelay must not be negative.";
    }
}
