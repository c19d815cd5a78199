namespace FinchDashboard.Dashboard.Access;

/// <summary>How hard signing in is to abuse and how long it lasts, bound from the <c>SecurityPolicy</c> section.</summary>
public sealed class SecurityPolicyOptions
{
    public const string Section = "SecurityPolicy";

    /// <summary>NIST SP 800-63B's floor for a memorised secret.</summary>
    public const int ShortestAllowedPassword = 8;

    /// <summary>Wrong passwords in a row before the account is locked out.</summary>
    public int MaxFailedSignInAttempts { get; set; } = 5;

    /// <summary>How long a lockout lasts; an admin can end it sooner.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The shortest password Identity accepts, on top of its fixed rules (upper- and lower-case letters, a digit and a
    /// symbol). At most <see cref="OneTimePassword.Length"/>, so a generated password always passes.
    /// </summary>
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>A session nobody used for this long ends (OWASP ASVS 3.3.2 asks for 30 minutes at level 2).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however much it is used.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The sign-in cookie's name; outside Development it is sent as <c>__Host-</c> and this name.</summary>
    public string CookieName { get; set; } = "finch_dashboard";

    /// <summary>The antiforgery cookie's name; outside Development it is sent as <c>__Host-</c> and this name.</summary>
    public string AntiforgeryCookieName { get; set; } = "finch_antiforgery";
}
