namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>How the dashboard reaches Stripe, bound from the <c>Stripe</c> section and checked at start-up.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public const string StripeApiBase = "https://api.stripe.com";

    /// <summary>Stripe's API, or the StripeSandbox emulator's address.</summary>
    public string ApiBase { get; set; } = StripeApiBase;

    /// <summary>The secret API key (<c>sk_…</c> or a restricted <c>rk_…</c>). Never logged or shown.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// The webhook endpoint's signing secrets (<c>whsec_…</c>), separated by spaces or commas: an event signed with any of
    /// them is accepted, so a secret can be rolled without refusing events signed with the one before.
    /// </summary>
    public IReadOnlyList<string> WebhookSecrets { get; set; } = [];

    /// <summary>How old a webhook's signed timestamp may be; older ones are refused as possible replays. Stripe's SDKs use 5 minutes.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one call to Stripe may take before the dashboard gives up and changes nothing.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a call Stripe answered with 429, 5xx or nothing; Stripe.net sends an idempotency key with each.</summary>
    public int MaxNetworkRetries { get; set; } = 1;

    /// <summary>
    /// Where Stripe's hosted authentication sends the user back to: this dashboard's <c>/bank-accounts/linked</c> page.
    /// Empty: that page on the address the user opened the dashboard at.
    /// </summary>
    public string? LinkReturnUrl { get; set; }

    /// <summary>How long a link to Stripe's hosted authentication is offered for; Stripe's sessions expire too.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(1);

    public static IReadOnlyList<string> SplitSecrets(string? value) =>
        (value ?? "").Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal IEnumerable<string> Errors()
    {
        const string where = "Set it in user secrets or as an environment variable (Stripe__Key); see README.md, Configuration.";
        if (!Uri.TryCreate(ApiBase, UriKind.Absolute, out var apiBase) || apiBase.Scheme is not ("http" or "https"))
            yield return $"Stripe:ApiBase must be an absolute http(s) URL, such as {StripeApiBase}.";
        // The key's value never goes into a message: these end up in logs.
        if (!(SecretKey.StartsWith("sk_", StringComparison.Ordinal) || SecretKey.StartsWith("rk_", StringComparison.Ordinal)) || SecretKey.Length < 8)
            yield return $"Stripe:SecretKey is required: a secret (sk_…) or restricted (rk_…) API key. {where}";
        if (WebhookSecrets.Count == 0)
            yield return $"Stripe:WebhookSecrets needs at least one signing secret (whsec_…) of the webhook endpoint. {where}";
        for (var i = 0; i < WebhookSecrets.Count; i++)
        {
            if (!WebhookSecrets[i].StartsWith("whsec_", StringComparison.Ordinal))
                yield return $"Stripe:WebhookSecrets entry {i + 1} is not a signing secret (whsec_…).";
        }
        if (WebhookTolerance < TimeSpan.FromSeconds(1)) yield return "Stripe:WebhookTolerance must be at least one second.";
        if (Timeout < TimeSpan.FromMilliseconds(10)) yield return "Stripe:Timeout must be at least 10 ms.";
        if (MaxNetworkRetries is < 0 or > 5) yield return "Stripe:MaxNetworkRetries must be between 0 and 5.";
        if (!string.IsNullOrWhiteSpace(LinkReturnUrl) && !(Uri.TryCreate(LinkReturnUrl, UriKind.Absolute, out var returnUrl) && returnUrl.Scheme is "http" or "https"))
            yield return "Stripe:LinkReturnUrl must be an absolute http(s) URL of the dashboard's /bank-accounts/linked page, or empty.";
        if (LinkLifetime < TimeSpan.FromMinutes(1)) yield return "Stripe:LinkLifetime must be at least a minute.";
    }
}
