using Bunit;
using FinchDashboard.Dashboard.Components.Layout;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Finch;
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
    public void The_user_menu_leads_to_two_step_sign_in_for_every_role()
    {
        var caller = new Caller("user-3", "Sam Support", [Role.Support], EmployerScope.Nobody);

        var link = Render<UserMenu>(parameters => parameters.Add(p => p.Caller, caller)).Find("a[data-testid=mfa-link]");

        Assert.Equal("account/mfa", link.GetAttribute("href"));
        Assert.Equal("Two-step sign-in", link.GetAttribute("aria-label"));
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
