using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Connections;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.Connections;

public class ConnectionListModelTests
{
    private static GridState<ConnectionRow> Grid(int page, int pageSize, string? sortBy = null, bool descending = false) => new()
    {
        Page = page,
        PageSize = pageSize,
        SortDefinitions = sortBy is null ? [] : [new SortDefinition<ConnectionRow>(sortBy, descending, 0, _ => null!)],
    };

    [Fact]
    public void The_grid_pages_from_zero_and_the_URL_from_one()
    {
        var view = ConnectionListModel.FromGrid(new ConnectionListView(), Grid(1, 25, nameof(ConnectionRow.ConnectedAt), descending: true));

        Assert.Equal("?page=2", view.ToQueryString());
    }

    [Theory]
    [InlineData(nameof(ConnectionRow.ProviderName), "provider")]
    [InlineData(nameof(ConnectionRow.CompanyName), "company")]
    [InlineData(nameof(ConnectionRow.FinchConnectionId), "connection_id")]
    [InlineData(nameof(ConnectionRow.ActiveEntityCount), "entities")]
    [InlineData(nameof(ConnectionRow.SessionExpiresAt), "expires")]
    [InlineData(nameof(ConnectionRow.DisconnectedAt), "disconnected")]
    public void A_sorted_column_becomes_the_URL_sort(string property, string inUrl)
    {
        var view = ConnectionListModel.FromGrid(new ConnectionListView { PageNumber = 3 }, Grid(2, 25, property));

        Assert.Equal($"?sort={inUrl}&dir=asc", view.ToQueryString());
    }

    [Fact]
    public void A_column_the_list_cannot_sort_by_leaves_the_sort_alone()
    {
        var view = new ConnectionListView { Sort = ConnectionSortColumn.Status, Descending = false };

        Assert.True(view.SameAs(ConnectionListModel.FromGrid(view, Grid(0, 25, nameof(ConnectionRow.Products), descending: true))));
    }

    [Fact]
    public void Only_the_URL_sort_column_starts_sorted()
    {
        var view = new ConnectionListView { Sort = ConnectionSortColumn.Provider, Descending = false };

        Assert.Equal(SortDirection.Ascending, ConnectionListModel.DirectionOf(view, ConnectionSortColumn.Provider));
        Assert.Equal(SortDirection.None, ConnectionListModel.DirectionOf(view, ConnectionSortColumn.Connected));
        Assert.Equal(SortDirection.Descending, ConnectionListModel.DirectionOf(new ConnectionListView(), ConnectionSortColumn.Connected));
    }

    [Fact]
    public void A_link_not_recreated_says_why()
    {
        Assert.Equal("Too long. Too short.", ConnectionListModel.NotRecreated(new ConnectLinkResult.Invalid(["Too long.", "Too short."])));
        Assert.Equal("Finch is down.", ConnectionListModel.NotRecreated(new ConnectLinkResult.Failed("Finch is down.", "req-1")));
        Assert.Contains("reauthentication", ConnectionListModel.NotRecreated(new ConnectLinkResult.AlreadyConnected(null, "conn-1")));
    }
}
