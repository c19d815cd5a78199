using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Data;

public sealed class DashboardUser : IdentityUser
{
    public const int DisplayNameMaxLength = 200;

    public string DisplayName { get; set; } = "";

    /// <summary>Set when an admin deactivates the account: it can no longer sign in, and its sessions end.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>
    /// Set when an admin gave the user a generated password: after signing in with it they must choose their own
    /// before anything else opens.
    /// </summary>
    public bool PasswordChangeRequired { get; set; }
}
