using Bunit;
using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Components.Pages.Connections;

public class ConnectionComponentTests : MudTestContext
{
    [Fact]
    public void The_banner_counts_each_kind_and_links_to_the_filtered_list()
    {
        var summary = new ActionNeededSummary(new Dictionary<ActionNeededKind, int>
        {
            [ActionNeededKind.Reauth] = 2,
            [ActionNeededKind.PermissionsError] = 1,
            [ActionNeededKind.SyncOverdue] = 4,
        });

        var banner = Render<ActionNeededBanner>(p => p.Add(b => b.Summary, summary).Add(b => b.ViewNowHref, "connections?action=needed"));

        var text = banner.Find("[data-testid=action-needed-banner]").TextContent;
        Assert.Contains("7 connections need action", text);
        Assert.Contains("2 need re-authentication", text);
        Assert.Contains("1 has a permissions error", text);
        Assert.Contains("4 are overdue for a sync", text);
        Assert.Equal("connections?action=needed", banner.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void No_banner_when_nothing_needs_action()
    {
        var banner = Render<ActionNeededBanner>(p => p
            .Add(b => b.Summary, new ActionNeededSummary(new Dictionary<ActionNeededKind, int>()))
            .Add(b => b.ViewNowHref, "x"));

        Assert.Empty(banner.FindAll("[data-testid=action-needed-banner]"));
    }
}
