using System.Security.Claims;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Unit.Access;

public class MfaSessionTests
{
    private static ClaimsPrincipal Session(Role role, string authenticationMethod) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role.ToString()), new Claim("amr", authenticationMethod)], IdentityConstants.ApplicationScheme));

    [Theory]
    [InlineData(Role.Admin, false, "mfa", true)]
    [InlineData(Role.Admin, false, "pwd", false)]
    [InlineData(Role.AccountManager, true, "pwd", false)]
    [InlineData(Role.Support, true, "mfa", true)]
    [InlineData(Role.Support, true, "pwd", false)]
    [InlineData(Role.Support, false, "pwd", true)]
    [InlineData(Role.EmployerAdmin, false, "pwd", true)]
    public void A_session_needs_the_second_factor_when_the_role_requires_it_or_the_user_turned_it_on(
        Role role, bool twoFactorEnabled, string authenticationMethod, bool satisfied)
    {
        var user = new DashboardUser { TwoFactorEnabled = twoFactorEnabled };

        Assert.Equal(satisfied, MfaSession.Satisfies(Session(role, authenticationMethod), user));
    }

    [Theory]
    [InlineData("mfa", true)]
    [InlineData("pwd", false)]
    public async Task The_periodic_re_check_keeps_the_mark_of_the_second_factor_and_adds_none(string authenticationMethod, bool kept)
    {
        var rebuilt = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, nameof(Role.Admin))], IdentityConstants.ApplicationScheme));
        var context = new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = Session(Role.Admin, authenticationMethod), NewPrincipal = rebuilt };

        await MfaSession.KeepProofAsync(context);

        Assert.Equal(kept, MfaSession.Satisfies(context.NewPrincipal, new DashboardUser()));
    }
}
