using FinchDashboard.Domain.Access;

namespace FinchDashboard.Dashboard.Users;

/// <summary>Which employers a user sees, given the roles chosen in the editor.</summary>
public enum EmployerReach
{
    /// <summary>No role yet, so no employer to choose.</summary>
    NoRole,

    /// <summary>Admin or Support: every employer, whatever is granted.</summary>
    EveryEmployer,

    /// <summary>Account manager or employer admin: the employers granted here.</summary>
    Granted,
}

/// <summary>
/// What the user editor holds while an admin adds a user or changes one's roles and employers, and what it sends.
/// Grants only go with the roles they mean something to; the note above the employer picker says so.
/// </summary>
public sealed class UserEditorForm
{
    /// <summary>How many employers the picker offers at once; the search narrows them down.</summary>
    public const int EmployerChoiceCount = 20;

    private readonly HashSet<Role> roles = [];
    private readonly List<EmployerName> employers = [];

    /// <param name="user">The user to edit; null adds a new one.</param>
    public UserEditorForm(UserSummary? user)
    {
        User = user;
        if (user is not null)
        {
            roles.UnionWith(user.Roles);
            employers.AddRange(user.Employers);
        }
    }

    public UserSummary? User { get; }

    public bool IsNew => User is null;

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Whether the admin types the initial password rather than having one generated to pass on.</summary>
    public bool TypePassword { get; set; }

    public string? Password { get; set; }

    public IReadOnlyList<EmployerName> Employers => employers;

    public bool Has(Role role) => roles.Contains(role);

    public void Choose(Role role, bool chosen)
    {
        if (chosen)
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }
    }

    /// <summary>Adds an employer to the grants, kept in name order; one already granted is not added twice.</summary>
    public void Grant(EmployerName employer)
    {
        if (employers.Any(e => e.Id == employer.Id))
        {
            return;
        }

        employers.Add(employer);
        employers.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.CurrentCultureIgnoreCase));
    }

    public void Revoke(EmployerName employer) => employers.RemoveAll(e => e.Id == employer.Id);

    /// <summary>
    /// The employers the picker offers from a search: those not granted yet, at most <see cref="EmployerChoiceCount"/>.
    /// A search should ask for <see cref="EmployerSearchSize"/> so the granted ones it skips leave enough.
    /// </summary>
    public IReadOnlyList<EmployerName> Choosable(IEnumerable<EmployerName> found) =>
        [.. found.Where(e => employers.All(granted => granted.Id != e.Id)).Take(EmployerChoiceCount)];

    public int EmployerSearchSize => EmployerChoiceCount + employers.Count;

    public EmployerReach Scope =>
        Domain.Access.Roles.SeeEveryEmployer(roles) ? EmployerReach.EveryEmployer
        : Domain.Access.Roles.AreScopedByGrants(roles) ? EmployerReach.Granted
        : EmployerReach.NoRole;

    /// <summary>What the employers section says above the picker (or instead of it).</summary>
    public string ScopeNote => Scope switch
    {
        EmployerReach.EveryEmployer => "Admin and Support see every employer, so there is nothing to choose here."
            + (employers.Count > 0 ? $" Saving removes the {Plural(employers.Count, "employer")} granted before." : ""),
        EmployerReach.Granted => (roles.Contains(Role.AccountManager) ? "An account manager's book." : "The employer this admin works for; a PEO admin gets several.")
            + " They see these employers' connections and nothing else.",
        _ => "Choose a role first.",
    };

    public IReadOnlyList<Role> ChosenRoles => [.. roles.Order()];

    /// <summary>The grants to save: none unless the roles are scoped by grants.</summary>
    public IReadOnlyList<Guid> EmployerIdsToGrant => Scope == EmployerReach.Granted ? [.. employers.Select(e => e.Id)] : [];

    /// <summary>The user to create; no password asks for a generated one.</summary>
    public NewUser ToNewUser() => new(Email, DisplayName, ChosenRoles, EmployerIdsToGrant, TypePassword ? Password ?? "" : null);

    public static string Describe(Role role) => role switch
    {
        Role.Admin => "Everything, including users and the audit log.",
        Role.AccountManager => "Connect links, reauth, exports and disconnects for their book of employers.",
        Role.Support => "Every employer, read-mostly: triage, reauth links, notes.",
        Role.EmployerAdmin => "Their own employer(s): reconnect, remove entities, disconnect.",
        _ => "",
    };

    private static string Plural(int count, string noun) => count == 1 ? $"{count} {noun}" : $"{count} {noun}s";
}
