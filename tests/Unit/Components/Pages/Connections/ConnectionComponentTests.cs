using Bunit;
using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;
using Microsoft.AspNetCore.Components;
using MudBlazor;

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

    // A live reload loads the entities again as new objects. MudTable keys its rows by item, so unless a reloaded entity
    // equals the one shown, every row and its checkbox is thrown away and made anew, and a tick landing meanwhile is lost.
    [Fact]
    public void Reloading_the_entities_keeps_each_row_and_its_checkbox()
    {
        static List<ConnectionEntity> Load(params Guid[] ids) =>
            [.. ids.Select(id => new ConnectionEntity(id, Guid.Empty, Guid.Empty, $"ent_{id:N}", "Acme", null, "connected"))];

        RenderFragment<ConnectionEntity> row = e => builder =>
        {
            builder.OpenComponent<MudCheckBox<bool>>(0);
            builder.AddComponentParameter(1, nameof(MudCheckBox<bool>.AriaLabel), e.FinchEntityId);
            builder.CloseComponent();
        };
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        var table = Render<MudTable<ConnectionEntity>>(p => p.Add(t => t.Items, Load(first, second)).Add(t => t.RowTemplate, row));
        var shown = table.FindComponents<MudCheckBox<bool>>().Select(c => c.Instance).ToList();

        table.Render(p => p.Add(t => t.Items, Load(first, second)));
        Assert.Equal(shown, table.FindComponents<MudCheckBox<bool>>().Select(c => c.Instance));

        table.Render(p => p.Add(t => t.Items, Load(first, Guid.CreateVersion7())));
        var afterOneChanged = table.FindComponents<MudCheckBox<bool>>().Select(c => c.Instance).ToList();
        Assert.Same(shown[0], afterOneChanged[0]);
        Assert.NotSame(shown[1], afterOneChanged[1]);
    }
}
