namespace FinchDashboard.Domain.Access;

/// <summary>Who is asking: the signed-in user, their roles and the employers they may see.</summary>
public sealed record Caller(string? UserId, string DisplayName, IReadOnlyList<Role> Roles, EmployerScope Scope)
{
    public static Caller Anonymous { get; } = new(null, "Anonymous", [], EmployerScope.Nobody);

    public bool IsAuthenticated => UserId is not null;

    public bool IsInRole(Role role) => Roles.Contains(role);

    /// <summary>Whether any of the caller's roles grants <paramref name="permission"/>.</summary>
    public bool Can(Permission permission) => Roles.Any(role => role.Grants(permission));

    /// <summary>The role shown in the header: the most powerful one the caller holds.</summary>
    public Role? PrimaryRole => Roles.Count == 0 ? null : Roles.Min();
}
