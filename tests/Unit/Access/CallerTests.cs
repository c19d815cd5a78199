using FinchDashboard.Domain.Access;

namespace FinchDashboard.Unit.Access;

public class CallerTests
{
    [Fact]
    public void The_anonymous_caller_is_not_authenticated_and_sees_nobody()
    {
        Assert.False(Caller.Anonymous.IsAuthenticated);
        Assert.Same(EmployerScope.Nobody, Caller.Anonymous.Scope);
        Assert.Null(Caller.Anonymous.PrimaryRole);
    }

    [Fact]
    public void The_primary_role_is_the_most_powerful_one_held()
    {
        var caller = new Caller("u1", "Pat", [Role.EmployerAdmin, Role.AccountManager], EmployerScope.Nobody);

        Assert.Equal(Role.AccountManager, caller.PrimaryRole);
        Assert.True(caller.IsInRole(Role.EmployerAdmin));
        Assert.False(caller.IsInRole(Role.Admin));
    }

    [Theory]
    [InlineData("Admin", true, Role.Admin)]
    [InlineData("EmployerAdmin", true, Role.EmployerAdmin)]
    [InlineData("admin", false, default(Role))]
    [InlineData("Root", false, default(Role))]
    [InlineData("7", false, default(Role))]
    [InlineData(null, false, default(Role))]
    public void Role_names_are_read_strictly(string? name, bool known, Role expected)
    {
        Assert.Equal(known, Roles.TryParse(name, out var role));
        if (known)
        {
            Assert.Equal(expected, role);
        }
    }
}
