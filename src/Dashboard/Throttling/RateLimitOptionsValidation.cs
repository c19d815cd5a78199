using FinchDashboard.Dashboard.Access;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Throttling;

/// <summary>Checks <see cref="RateLimitOptions"/> at start-up and names every wrong key.</summary>
public sealed class RateLimitOptionsValidation(IOptions<SecurityPolicyOptions> securityPolicy) : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private IEnumerable<string> Errors(RateLimitOptions options)
    {
        const string section = RateLimitOptions.Section;
        foreach (var error in Window($"{section}:{nameof(options.SignInPerAddress)}", options.SignInPerAddress)) yield return error;
        foreach (var error in Window($"{section}:{nameof(options.SignInPerEmail)}", options.SignInPerEmail)) yield return error;
        foreach (var error in Window($"{section}:{nameof(options.ConnectCallbackPerAddress)}", options.ConnectCallbackPerAddress)) yield return error;

        var lockoutAttempts = securityPolicy.Value.MaxFailedSignInAttempts;
        if (options.SignInPerEmail.PermitLimit <= lockoutAttempts)
            yield return $"{section}:SignInPerEmail:PermitLimit must be above {SecurityPolicyOptions.Section}:MaxFailedSignInAttempts ({lockoutAttempts}), " +
                         "so that someone who locks their account reads the lockout message before this limit answers 429.";

        var webhooks = $"{section}:{nameof(options.WebhooksPerAddress)}";
        if (options.WebhooksPerAddress.TokenLimit < 1) yield return $"{webhooks}:TokenLimit must be at least 1.";
        if (options.WebhooksPerAddress.TokensPerPeriod < 1) yield return $"{webhooks}:TokensPerPeriod must be at least 1.";
        if (options.WebhooksPerAddress.ReplenishmentPeriod <= TimeSpan.Zero) yield return $"{webhooks}:ReplenishmentPeriod must be positive.";

        var exports = $"{section}:{nameof(options.ExportsPerUser)}";
        if (options.ExportsPerUser.PermitLimit < 1) yield return $"{exports}:PermitLimit must be at least 1.";
        if (options.ExportsPerUser.RetryAfter < TimeSpan.FromSeconds(1)) yield return $"{exports}:RetryAfter must be at least one second (Retry-After counts whole seconds).";
    }

    private static IEnumerable<string> Window(string key, WindowLimit limit)
    {
        if (limit.PermitLimit < 1) yield return $"{key}:PermitLimit must be at least 1.";
        if (limit.Window <= TimeSpan.Zero) yield return $"{key}:Window must be positive.";
    }
}
