namespace FinchDashboard.Domain.Access;

/// <summary>The four kinds of people who use the dashboard. Names match the Identity role names.</summary>
public enum Role
{
    Admin,
    AccountManager,
    Support,
    EmployerAdmin,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>Reads an Identity role name; unknown names are ignored rather than guessed.</summary>
    public static bool TryParse(string? name, out Role role) =>
        Enum.TryParse(name, ignoreCase: false, out role) && Enum.IsDefined(role);

    /// <summary>Admin and Support see every employer, whatever their grants.</summary>
    public static bool SeeEveryEmployer(IEnumerable<Role> roles) => roles.Any(role => role is Role.Admin or Role.Support);

    /// <summary>
    /// Whether employer grants decide what these roles see: an AccountManager's book, an EmployerAdmin's employer (or a
    /// PEO admin's several). Grants mean nothing next to a role that sees every employer.
    /// </summary>
    public static bool AreScopedByGrants(IReadOnlyCollection<Role> roles) =>
        !SeeEveryEmployer(roles) && roles.Any(role => role is Role.AccountManager or Role.EmployerAdmin);

    /// <summary>
    /// Whether these roles must sign in with a second factor (an authenticator app's code) besides the password. Admins
    /// and account managers change who sees what and can end connections, so a stolen password alone must not be
    /// enough; Support and employer admins may choose to.
    /// </summary>
    public static bool RequireMfa(IEnumerable<Role> roles) => roles.Any(role => role is Role.Admin or Role.AccountManager);

    public static string DisplayName(this Role role) => role switch
    {
        Role.Admin => "Admin",
        Role.AccountManager => "Account manager",
        Role.Support => "Support",
        Role.EmployerAdmin => "Employer admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
