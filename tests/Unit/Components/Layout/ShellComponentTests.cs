using Bunit;
using FinchDashboard.Dashboard.Components.Layout;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Finch;
using MudBlazor;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Components.Layout;

public class ShellComponentTests : MudTestContext
{
    [Fact]
    public void The_user_menu_shows_the_name_and_most_powerful_role_and_posts_sign_out()
    {
        var caller = new Caller("user-1", "Pat PEO", [Role.EmployerAdmin], EmployerScope.Nobody);

        var menu = Render<UserMenu>(parameters => parameters.Add(p => p.Caller, caller));

        Assert.Equal("Pat PEO", menu.Find("[data-testid=user-name]").TextContent);
        Assert.Equal("Employer admin", menu.Find("[data-testid=user-role]").TextContent);
        var form = menu.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.Equal("submit", menu.Find("form button").GetAttribute("type"));
    }

    [Fact]
    public async Task The_account_menu_offers_two_step_sign_in_changing_the_password_and_signing_out_everywhere()
    {
        var popovers = Render<MudPopoverProvider>();
        var caller = new Caller("user-1", "Sam Support", [Role.Support], EmployerScope.AllEmployers);
        var menu = Render<UserMenu>(parameters => parameters.Add(p => p.Caller, caller));

        await menu.Find("[data-testid=account-menu] button").ClickAsync(new MouseEventArgs());

        var links = popovers.WaitForElements("a.mud-menu-item");
        Assert.Equal(["account/mfa", "account/change-password", "account/sign-out-everywhere"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["Two-step sign-in", "Change password", "Sign out everywhere"], links.Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void A_user_without_a_role_is_told_so()
    {
        var caller = new Caller("user-2", "Nora", [], EmployerScope.Nobody);

        var menu = Render<UserMenu>(parameters => parameters.Add(p => p.Caller, caller));

        Assert.Equal("No role", menu.Find("[data-testid=user-role]").TextContent);
    }

    [Theory]
    [InlineData(FinchEnvironment.Sandbox, "Sandbox", "mud-chip-color-info")]
    [InlineData(FinchEnvironment.Development, "Development", "mud-chip-color-warning")]
    [InlineData(FinchEnvironment.Production, "Production", "mud-chip-color-error")]
    public void The_environment_badge_names_the_configured_Finch_environment(FinchEnvironment environment, string text, string styleClass)
    {
        Services.AddSingleton(Options.Create(new FinchEnvironmentOptions { Environment = environment }));

        var badge = Render<EnvironmentBadge>().Find("[data-testid=finch-environment]");

        Assert.Equal(text, badge.TextContent.Trim());
        Assert.Contains(styleClass, badge.ClassList);
    }
}
