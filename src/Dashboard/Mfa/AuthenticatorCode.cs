namespace FinchDashboard.Dashboard.Mfa;

/// <summary>The 6-digit code an authenticator app shows, as a person types it.</summary>
public static class AuthenticatorCode
{
    public const int Length = 6;

    /// <summary>The digits of <paramref name="typed"/>, allowing the spaces and hyphens apps show in the middle; null when it is not a code.</summary>
    public static string? Normalize(string? typed)
    {
        var digits = (typed ?? "").Replace(" ", "").Replace("-", "");
        return digits.Length == Length && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
