using FinchDashboard.Dashboard.Components.Pages.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;
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

    [Theory]
    [InlineData(ConnectionChangeKind.Shown, false)]
    [InlineData(ConnectionChangeKind.Status, false)]
    [InlineData(ConnectionChangeKind.Synced, false)]
    [InlineData(ConnectionChangeKind.Status | ConnectionChangeKind.Shown, false)]
    [InlineData(ConnectionChangeKind.Tab, true)]
    [InlineData(ConnectionChangeKind.Ordering, true)]
    [InlineData(ConnectionChangeKind.Whole, true)]
    public void The_default_view_moves_only_when_a_connection_changes_tab_or_a_value_it_is_ordered_or_matched_by(ConnectionChangeKind what, bool moves)
    {
        Assert.Equal(moves, ConnectionListModel.MovesView(new ConnectionListView(), what));
        Assert.Equal(moves, ConnectionListModel.MovesView(new ConnectionListView { Search = "acme", Filters = new ConnectionFilters { Providers = ["gusto"] } }, what));
    }

    [Fact]
    public void A_view_sorted_or_filtered_by_status_or_last_sync_moves_when_those_change()
    {
        Assert.True(ConnectionListModel.MovesView(new ConnectionListView { Sort = ConnectionSortColumn.Status }, ConnectionChangeKind.Status));
        Assert.True(ConnectionListModel.MovesView(new ConnectionListView { Filters = new ConnectionFilters { Statuses = [ConnectionStatus.Reauth] } }, ConnectionChangeKind.Status));
        Assert.True(ConnectionListModel.MovesView(new ConnectionListView { Filters = new ConnectionFilters { ActionNeeded = true } }, ConnectionChangeKind.Synced));
        Assert.True(ConnectionListModel.MovesView(new ConnectionListView { Sort = ConnectionSortColumn.LastSynced }, ConnectionChangeKind.Synced));
        Assert.False(ConnectionListModel.MovesView(new ConnectionListView { Sort = ConnectionSortColumn.LastSynced }, ConnectionChangeKind.Status));
        Assert.False(ConnectionListModel.MovesView(new ConnectionListView { Sort = ConnectionSortColumn.Status }, ConnectionChangeKind.Synced));
    }
}
