using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>Checks <see cref="FinchOptions"/> at start-up and names every wrong key with what to do about it.</summary>
public sealed class FinchOptionsValidation : IValidateOptions<FinchOptions>
{
    public ValidateOptionsResult Validate(string? name, FinchOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> Errors(FinchOptions options)
    {
        const string where = "Set it in user secrets or as an environment variable (Finch__Key); see README.md, Configuration.";
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            yield return $"Finch:BaseUrl must be an absolute http(s) URL, such as {FinchOptions.FinchApiUrl}.";
        if (string.IsNullOrWhiteSpace(options.ClientId)) yield return $"Finch:ClientId is required. {where}";
        if (string.IsNullOrWhiteSpace(options.ClientSecret)) yield return $"Finch:ClientSecret is required. {where}";
        if (string.IsNullOrWhiteSpace(options.ApiVersion)) yield return "Finch:ApiVersion must not be empty (Finch's current version is 2020-09-17).";
        if (options.WebhookSecrets.Count == 0) yield return $"Finch:WebhookSecrets needs at least one base64 secret from Finch's developer dashboard. {where}";
        for (var i = 0; i < options.WebhookSecrets.Count; i++)
        {
            // The position, never the value: this message ends up in logs.
            if (!IsBase64(options.WebhookSecrets[i])) yield return $"Finch:WebhookSecrets entry {i + 1} is not a base64 string.";
        }
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10)) yield return "Finch:AttemptTimeout must be at least 10 ms.";
        if (options.TotalTimeout < options.AttemptTimeout) yield return "Finch:TotalTimeout must not be shorter than Finch:AttemptTimeout.";
        if (options.MaxRetryAttempts is < 0 or > 10) yield return "Finch:MaxRetryAttempts must be between 0 and 10.";
        if (options.RetryBaseDelay < TimeSpan.Zero) yield return "Finch:RetryBaseDelay must not be negative.";
        if (options.MaxRetryDelay < options.RetryBaseDelay) yield return "Finch:MaxRetryDelay must not be shorter than Finch:RetryBaseDelay.";
        if (options.MaxRetryAfter < TimeSpan.Zero) yield return "Finch:MaxRetryAfter must not be negative.";
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
