namespace FinchDashboard.Domain.Finch;

/// <summary>
/// Finch's three environments. Each has its own client id and secret, and connections never move between them.
/// </summary>
public enum FinchEnvironment
{
    Sandbox,
    Development,
    Production,
}

/// <summary>What Finch's "Environments" page says each environment offers, and how Finch names them on the wire.</summary>
public static class FinchEnvironments
{
    /// <summary>The one provider Finch names as unsupported in Development, besides every assisted one.</summary>
    public const string Gusto = "gusto";

    /// <summary>Finch's name for the assisted authentication method (Finch's operators connect on the employer's behalf).</summary>
    public const string AssistedMethod = "assisted";

    /// <summary>
    /// <c>client_type</c> from <c>/introspect</c> or <c>/auth/token</c>: production, development or sandbox. Null for
    /// anything else, which cannot be matched to an environment.
    /// </summary>
    public static FinchEnvironment? FromClientType(string? clientType) => clientType switch
    {
        "sandbox" => FinchEnvironment.Sandbox,
        "development" => FinchEnvironment.Development,
        "production" => FinchEnvironment.Production,
        _ => null,
    };

    /// <summary>Development connects neither assisted providers nor assisted authentication.</summary>
    public static bool OffersAssisted(this FinchEnvironment environment) => environment != FinchEnvironment.Development;

    /// <summary>Whether a provider with these authentication methods can be connected in the environment.</summary>
    public static bool Offers(this FinchEnvironment environment, string providerId, IEnumerable<string> authenticationMethods) =>
        environment.OffersAssisted()
        || (providerId != Gusto && authenticationMethods.Any(method => method != AssistedMethod));
}
