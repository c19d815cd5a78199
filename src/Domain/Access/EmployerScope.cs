namespace FinchDashboard.Domain.Access;

/// <summary>
/// The employers whose data a caller may see. Every query over employer-owned data is filtered by one of these;
/// the default is <see cref="Nobody"/>, so forgetting to set a scope shows nothing rather than everything.
/// </summary>
public sealed class EmployerScope
{
    private readonly Guid[] _employerIds;

    private EmployerScope(bool includesAllEmployers, Guid[] employerIds)
    {
        IncludesAllEmployers = includesAllEmployers;
        _employerIds = employerIds;
    }

    public static EmployerScope Nobody { get; } = new(false, []);

    /// <summary>Every employer: internal roles that see the whole book, and the system's own background work.</summary>
    public static EmployerScope AllEmployers { get; } = new(true, []);

    public static EmployerScope Only(IEnumerable<Guid> employerIds) => new(false, employerIds.Distinct().Order().ToArray());

    public bool IncludesAllEmployers { get; }

    /// <summary>The granted employers; empty when <see cref="IncludesAllEmployers"/> is true.</summary>
    public IReadOnlyList<Guid> EmployerIds => _employerIds;

    public bool Includes(Guid employerId) => IncludesAllEmployers || _employerIds.Contains(employerId);

    /// <summary>
    /// Admin and Support see every employer; an AccountManager sees their book and an EmployerAdmin their own
    /// employer(s), both through grants. A caller with several roles gets the widest of them.
    /// </summary>
    public static EmployerScope For(IEnumerable<Role> roles, IEnumerable<Guid> grantedEmployerIds)
    {
        var roleSet = roles.ToHashSet();
        if (Roles.SeeEveryEmployer(roleSet))
        {
            return AllEmployers;
        }

        return Roles.AreScopedByGrants(roleSet) ? Only(grantedEmployerIds) : Nobody;
    }
}
