using Bunit;
using FinchDashboard.Dashboard.Components.Pages.ConnectSessions;
using FinchDashboard.Dashboard.ConnectSessions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Unit.Components.Pages.ConnectSessions;

/// <summary>What the employer reads after Finch Connect sends them back, for each way the callback can end.</summary>
public class ConnectDoneTests : MudTestContext
{
    private IRenderedComponent<ConnectDone> RenderFor(string outcome)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/connect/done?outcome={outcome}");
        return Render<ConnectDone>();
    }

    [Fact]
    public void Every_outcome_has_its_own_heading_and_words_and_only_an_unknown_one_reads_as_an_unusable_link()
    {
        var invalid = RenderFor("no-such-outcome").Find("[data-testid=connect-outcome]").TextContent;

        var headings = Enum.GetValues<ConnectOutcome>()
            .Where(outcome => outcome != ConnectOutcome.Invalid)
            .Select(outcome => RenderFor(outcome.ToString().ToLowerInvariant()).Find("[data-testid=connect-outcome]").TextContent)
            .ToList();

        Assert.Equal("This link cannot be used", invalid);
        Assert.DoesNotContain(invalid, headings);
        Assert.Equal(headings.Count, headings.Distinct().Count());
    }

    [Fact]
    public void A_reauthentication_for_a_connection_disconnected_meanwhile_says_nothing_changed_and_what_to_do()
    {
        var page = RenderFor("disconnected");

        Assert.Equal("This connection has ended", page.Find("[data-testid=connect-outcome]").TextContent);
        Assert.Contains("disconnected after the link was sent, so nothing was changed", page.Markup);
        Assert.Contains("ask your contact for a new link", page.Markup);
    }
}
