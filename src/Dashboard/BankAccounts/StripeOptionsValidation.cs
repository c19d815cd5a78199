using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// Checks <see cref="StripeOptions"/> at start-up, naming each wrong key. Outside Development it also refuses plain http
/// to Stripe (the secret key travels on it) and the emulator's development secrets published with the source.
/// </summary>
public sealed class StripeOptionsValidation(IHostEnvironment environment) : IValidateOptions<StripeOptions>
{
    private const string DevelopmentSecretKey = "sk_test_stripe_sandbox_development_key";
    private const string DevelopmentWebhookSecret = "whsec_stripe_sandbox_development_secret";

    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        var errors = options.Errors().ToList();
        if (!environment.IsDevelopment())
        {
            if (Uri.TryCreate(options.ApiBase, UriKind.Absolute, out var apiBase) && apiBase.Scheme != Uri.UriSchemeHttps && !apiBase.IsLoopback)
                errors.Add($"Stripe:ApiBase must be https outside Development ({environment.EnvironmentName}): the secret key travels on it.");
            if (options.SecretKey == DevelopmentSecretKey)
                errors.Add("Stripe:SecretKey is the emulator's development key published with the source; use a key from Stripe's dashboard.");
            if (options.WebhookSecrets.Contains(DevelopmentWebhookSecret))
                errors.Add("Stripe:WebhookSecrets holds the emulator's development secret published with the source; use the endpoint's secret from Stripe's dashboard.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
