using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Tokens;

/// <summary>
/// Checks <see cref="TokenEncryptionOptions"/> at start-up: at least one key, every entry a readable 32-byte key, and
/// outside Development none of them the development key published with the source.
/// </summary>
public sealed class TokenEncryptionOptionsValidation(IHostEnvironment environment) : IValidateOptions<TokenEncryptionOptions>
{
    // appsettings.Development.json's key: anyone with the source could open the tokens it sealed.
    private static readonly byte[] DevelopmentKey = Convert.FromBase64String("nndBuJ58O6CJABKuosOGSrgWAXYq2j1M9WudUUySZ90=");

    public ValidateOptionsResult Validate(string? name, TokenEncryptionOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private IEnumerable<string> Errors(TokenEncryptionOptions options)
    {
        if (options.Keys.Count == 0)
            yield return $"{TokenEncryptionOptions.Section}:Keys needs at least one \"id:base64\" AES-256 key (see README.md, Configuration).";
        foreach (var entry in options.Keys)
        {
            if (!TokenKey.TryParse(entry, out var key, out var problem))
                yield return problem;
            else if (!environment.IsDevelopment() && key.Bytes.AsSpan().SequenceEqual(DevelopmentKey))
                yield return $"{TokenEncryptionOptions.Section}:Keys entry '{key.Id}' is the development key published with the source; generate a key of {TokenKey.Length} random bytes.";
        }
    }
}
