namespace FinchDashboard.Dashboard.Mfa;

/// <summary>How the dashboard appears in authenticator apps, bound from the <c>Mfa</c> section.</summary>
public sealed class MfaOptions
{
    public const string Section = "Mfa";

    public const int IssuerMaxLength = 64;

    /// <summary>
    /// The name an authenticator app shows above the code, e.g. "FinchDashboard (staging)" to tell environments apart.
    /// No colon: the app reads the part before a colon as the issuer.
    /// </summary>
    public string Issuer { get; set; } = "FinchDashboard";
}
