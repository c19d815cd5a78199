using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;

namespace FinchDashboard.Unit.Access;

public class RolesTests
{
    [Theory]
    [InlineData(new[] { Role.AccountManager }, true)]
    [InlineData(new[] { Role.EmployerAdmin }, true)]
    [InlineData(new[] { Role.AccountManager, Role.EmployerAdmin }, true)]
    [InlineData(new[] { Role.Admin }, false)]
    [InlineData(new[] { Role.Support }, false)]
    [InlineData(new[] { Role.Support, Role.EmployerAdmin }, false)]
    [InlineData(new Role[0], false)]
    public void Grants_matter_only_to_roles_that_do_not_see_every_employer(Role[] roles, bool scopedByGrants) =>
        Assert.Equal(scopedByGrants, Roles.AreScopedByGrants(roles));

    [Theory]
    [InlineData(new[] { Role.Admin }, true)]
    [InlineData(new[] { Role.AccountManager }, true)]
    [InlineData(new[] { Role.Support, Role.AccountManager }, true)]
    [InlineData(new[] { Role.EmployerAdmin, Role.Admin }, true)]
    [InlineData(new[] { Role.Support }, false)]
    [InlineData(new[] { Role.EmployerAdmin }, false)]
    [InlineData(new[] { Role.Support, Role.EmployerAdmin }, false)]
    [InlineData(new Role[0], false)]
    public void Admins_and_account_managers_must_sign_in_with_a_second_factor_and_the_others_may(Role[] roles, bool required) =>
        Assert.Equal(required, Roles.RequireMfa(roles));

    [Theory]
    [InlineData(AuditAction.ConnectLinkCreated, "Connect link created")]
    [InlineData(AuditAction.OutOfScopeAccess, "Out of scope access")]
    [InlineData(AuditAction.PasswordReset, "Password reset")]
    [InlineData(AuditAction.AuthenticatorReset, "Authenticator reset")]
    public void Audit_actions_read_as_phrases(AuditAction action, string phrase) => Assert.Equal(phrase, action.DisplayName());
}
