namespace FinchDashboard.Domain.Employers;

/// <summary>
/// Ties a user to an employer they may see: an EmployerAdmin's own employer, each of a PEO admin's employers,
/// or an employer in an AccountManager's book. Roles say what a user may do; grants say where.
/// </summary>
public sealed class EmployerGrant(string userId, Guid employerId, DateTimeOffset grantedAt)
{
    public string UserId { get; private set; } = userId;

    public Guid EmployerId { get; private set; } = employerId;

    public DateTimeOffset GrantedAt { get; private set; } = grantedAt;
}
