using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Checks <see cref="FinchOptions"/> at start-up and names every wrong key with what to do about it. Outside Development
/// it also refuses what is only safe on a developer's machine: plain http to Finch, and webhook secrets that are short
/// or published with the source.
/// </summary>
public sealed class FinchOptionsValidation(IHostEnvironment environment) : IValidateOptions<FinchOptions>
{
    private const int MinWebhookSecretBytes = 32;

    // The emulator's secret in appsettings.Development.json and ./run.sh: anyone with the source can sign with it.
    private static readonly byte[] DevelopmentWebhookSecret = Convert.FromBase64String("ZmluY2gtc2FuZGJveC13ZWJob29rLXNlY3JldC0zMmIh");

    public ValidateOptionsResult Validate(string? name, FinchOptions options)
    {
        var errors = Errors(options).ToList();
        if (!environment.IsDevelopment())
        {
            errors.AddRange(UnsafeOutsideDevelopment(options));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private IEnumerable<string> UnsafeOutsideDevelopment(FinchOptions options)
    {
        if (Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme != Uri.UriSchemeHttps)
            yield return $"Finch:BaseUrl must be https outside Development ({environment.EnvironmentName}): the client secret and access tokens travel on it.";
        for (var i = 0; i < options.WebhookSecrets.Count; i++)
        {
            if (Decode(options.WebhookSecrets[i]) is not { } secret) continue;
            if (secret.AsSpan().SequenceEqual(DevelopmentWebhookSecret))
                yield return $"Finch:WebhookSecrets entry {i + 1} is the development secret published with the source; use the secret from Finch's developer dashboard.";
            else if (secret.Length < MinWebhookSecretBytes)
                yield return $"Finch:WebhookSecrets entry {i + 1} is {secret.Length} bytes; outside Development each secret must be at least {MinWebhookSecretBytes}.";
        }
    }

    private static IEnumerable<string> Errors(FinchOptions options)
    {
        const string where = "Set it in user secrets or as an environment variable (Finch__Key); see README.md, Configuration.";
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            yield return $"Finch:BaseUrl must be an absolute http(s) URL, such as {FinchOptions.FinchApiUrl}.";
        else if (options.SessionStatusExtension && IsFinchsOwn(baseUrl))
            yield return $"Finch:SessionStatusExtension must be false for Finch's own API ({baseUrl.Host}): only the FinchSandbox emulator answers GET /connect/sessions/{{id}}.";
        if (string.IsNullOrWhiteSpace(options.ClientId)) yield return $"Finch:ClientId is required. {where}";
        if (string.IsNullOrWhiteSpace(options.ClientSecret)) yield return $"Finch:ClientSecret is required. {where}";
        if (string.IsNullOrWhiteSpace(options.ApiVersion)) yield return "Finch:ApiVersion must not be empty (Finch's current version is 2020-09-17).";
        if (options.WebhookSecrets.Count == 0) yield return $"Finch:WebhookSecrets needs at least one base64 secret from Finch's developer dashboard. {where}";
        for (var i = 0; i < options.WebhookSecrets.Count; i++)
        {
            // The position, never the value: this message ends up in logs.
            if (Decode(options.WebhookSecrets[i]) is null) yield return $"Finch:WebhookSecrets entry {i + 1} is not a base64 string.";
        }
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10)) yield return "Finch:AttemptTimeout must be at least 10 ms.";
        if (options.TotalTimeout < options.AttemptTimeout) yield return "Finch:TotalTimeout must not be shorter than Finch:AttemptTimeout.";
        if (options.MaxRetryAttempts is < 0 or > 10) yield return "Finch:MaxRetryAttempts must be between 0 and 10.";
        if (options.RetryBaseDelay < TimeSpan.Zero) yield return "Finch:RetryBaseDelay must not be negative.";
        if (options.MaxRetryDelay < options.RetryBaseDelay) yield return "Finch:MaxRetryDelay must not be shorter than Finch:RetryBaseDelay.";
        if (options.MaxRetryAfter < TimeSpan.Zero) yield return "Finch:MaxRetryAfter must not be negative.";
        // Polly's own lower bounds, said here so a bad setting fails at start-up with the setting's name.
        if (options.CircuitFailureRatio is <= 0 or > 1) yield return "Finch:CircuitFailureRatio must be above 0 and at most 1.";
        if (options.CircuitMinimumThroughput < 2) yield return "Finch:CircuitMinimumThroughput must be at least 2.";
        if (options.CircuitSamplingDuration < TimeSpan.FromMilliseconds(500)) yield return "Finch:CircuitSamplingDuration must be at least 500 ms.";
        if (options.CircuitBreakDuration < TimeSpan.FromMilliseconds(500)) yield return "Finch:CircuitBreakDuration must be at least 500 ms.";
    }

    private static bool IsFinchsOwn(Uri baseUrl) =>
        baseUrl.Host.Equals("tryfinch.com", StringComparison.OrdinalIgnoreCase)
        || baseUrl.Host.EndsWith(".tryfinch.com", StringComparison.OrdinalIgnoreCase);

    private static byte[]? Decode(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
