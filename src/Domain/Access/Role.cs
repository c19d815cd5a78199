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

    public static string DisplayName(this Role role) => role switch
    {
        Role.Admin => "Admin",
        Role.AccountManager => "Account manager",
        Role.Support => "Support",
        Role.EmployerAdmin => "Employer admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
