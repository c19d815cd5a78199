using FinchDashboard.Domain.Access;

namespace FinchDashboard.Unit.Access;

public class EmployerScopeTests
{
    private static readonly Guid EmployerA = Guid.NewGuid();
    private static readonly Guid EmployerB = Guid.NewGuid();

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Support)]
    public void Internal_roles_that_see_the_whole_book_see_every_employer_without_grants(Role role)
    {
        var scope = EmployerScope.For([role], []);

        Assert.True(scope.IncludesAllEmployers);
        Assert.True(scope.Includes(EmployerA));
        Assert.True(scope.Includes(EmployerB));
    }

    [Theory]
    [InlineData(Role.AccountManager)]
    [InlineData(Role.EmployerAdmin)]
    public void Granted_roles_see_exactly_their_grants(Role role)
    {
        var scope = EmployerScope.For([role], [EmployerA]);

        Assert.False(scope.IncludesAllEmployers);
        Assert.True(scope.Includes(EmployerA));
        Assert.False(scope.Includes(EmployerB));
        Assert.Equal([EmployerA], scope.EmployerIds);
    }

    [Fact]
    public void A_PEO_admin_sees_each_granted_employer()
    {
        var scope = EmployerScope.For([Role.EmployerAdmin], [EmployerA, EmployerB, EmployerA]);

        Assert.True(scope.Includes(EmployerA));
        Assert.True(scope.Includes(EmployerB));
        Assert.Equal(2, scope.EmployerIds.Count);
    }

    [Fact]
    public void Granted_roles_without_grants_see_nothing()
    {
        var scope = EmployerScope.For([Role.EmployerAdmin], []);

        Assert.False(scope.IncludesAllEmployers);
        Assert.Empty(scope.EmployerIds);
        Assert.False(scope.Includes(EmployerA));
    }

    [Fact]
    public void A_user_without_a_role_sees_nothing_even_with_grants()
    {
        var scope = EmployerScope.For([], [EmployerA]);

        Assert.Same(EmployerScope.Nobody, scope);
        Assert.False(scope.Includes(EmployerA));
    }

    [Fact]
    public void Several_roles_get_the_widest_scope()
    {
        var scope = EmployerScope.For([Role.EmployerAdmin, Role.Support], [EmployerA]);

        Assert.True(scope.IncludesAllEmployers);
        Assert.True(scope.Includes(EmployerB));
    }

    [Fact]
    public void Nobody_includes_no_employer()
    {
        Assert.False(EmployerScope.Nobody.IncludesAllEmployers);
        Assert.False(EmployerScope.Nobody.Includes(EmployerA));
    }
}
