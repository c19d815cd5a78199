namespace FinchDashboard.Dashboard.Access;

public sealed class DataProtectionKeysOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// Where ASP.NET Core keeps the keys that protect sign-in cookies and antiforgery tokens. Set it to a persistent
    /// volume shared by every instance, or a restart signs everybody out. Unset: the user profile (fine locally).
    /// </summary>
    public string? KeysDirectory { get; set; }
}
