namespace FinchDashboard.Dashboard.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds demo employers and one demo user per role. Refused outside the Development environment.</summary>
    public bool Enabled { get; set; }

    /// <summary>The password of every demo user.</summary>
    public string Password { get; set; } = "";

    /// <summary>
    /// The authenticator key (base32) of the demo users whose role requires two-step sign-in, published like the
    /// password so whoever runs the demo can add it to an authenticator app.
    /// </summary>
    public string AuthenticatorKey { get; set; } = "";

    /// <summary>160 bits in base32, as Identity makes them (and RFC 4226 recommends).</summary>
    public static bool IsAuthenticatorKey(string key) =>
        key.Length >= 32 && key.All(c => c is (>= 'A' and <= 'Z') or (>= '2' and <= '7'));
}
