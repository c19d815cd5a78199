using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Connections;

public class ConnectionListViewTests
{
    [Fact]
    public void A_view_survives_the_trip_through_the_URL()
    {
        var view = new ConnectionListView
        {
            Tab = ConnectionState.Disconnected,
            Search = "acme & co",
            Filters = new ConnectionFilters
            {
                Statuses = [ConnectionStatus.Reauth, ConnectionStatus.ErrorPermissions],
                Providers = ["gusto", "adp_run"],
                Types = [ConnectionType.AutomatedAssisted],
                Company = "Holdings",
                ConnectionId = "abc",
                Customer = "globex",
                MinEntities = 2,
                MaxEntities = 4,
                LastSynced = new TimeRange(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero).AddDays(1).AddTicks(-1)),
                Connected = new TimeRange(null, new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero).AddDays(1).AddTicks(-1)),
                ActionNeeded = true,
            },
            Sort = ConnectionSortColumn.LastSynced,
            Descending = false,
            PageNumber = 3,
            PageSize = 50,
        };

        var parsed = ConnectionListView.Parse("http://localhost/connections" + view.ToQueryString());

        Assert.Equal(view.Tab, parsed.Tab);
        Assert.Equal(view.Search, parsed.Search);
        Assert.Equal(view.Filters.Statuses, parsed.Filters.Statuses);
        Assert.Equal(view.Filters.Providers, parsed.Filters.Providers);
        Assert.Equal(view.Filters.Types, parsed.Filters.Types);
        Assert.Equal(view.Filters.Company, parsed.Filters.Company);
        Assert.Equal(view.Filters.ConnectionId, parsed.Filters.ConnectionId);
        Assert.Equal(view.Filters.Customer, parsed.Filters.Customer);
        Assert.Equal(view.Filters.MinEntities, parsed.Filters.MinEntities);
        Assert.Equal(view.Filters.MaxEntities, parsed.Filters.MaxEntities);
        Assert.Equal(view.Filters.LastSynced, parsed.Filters.LastSynced);
        Assert.Equal(view.Filters.Connected, parsed.Filters.Connected);
        Assert.True(parsed.Filters.ActionNeeded);
        Assert.Equal(view.Sort, parsed.Sort);
        Assert.False(parsed.Descending);
        Assert.Equal(3, parsed.PageNumber);
        Assert.Equal(50, parsed.PageSize);
        Assert.Equal(100, parsed.ToQuery().Page.Skip);
    }

    [Fact]
    public void The_default_view_has_a_short_URL() => Assert.Equal("", new ConnectionListView().ToQueryString());

    [Fact]
    public void Malformed_values_fall_back_to_defaults_instead_of_failing()
    {
        var view = ConnectionListView.Parse("http://localhost/connections?tab=nope&status=weird,reauth&sort=drop_table&page=-4&size=100000&entities_min=x&synced_from=yesterday");

        Assert.Equal(ConnectionState.Live, view.Tab);
        Assert.Equal([ConnectionStatus.Reauth], view.Filters.Statuses);
        Assert.Equal(ConnectionSortColumn.Connected, view.Sort);
        Assert.Equal(1, view.PageNumber);
        Assert.Equal(ConnectionListView.DefaultPageSize, view.PageSize);
        Assert.Null(view.Filters.MinEntities);
        Assert.Null(view.Filters.LastSynced);
    }

    [Fact]
    public void A_page_beyond_what_paging_can_address_falls_back_to_the_first()
    {
        var view = ConnectionListView.Parse("http://localhost/connections?page=99999999&size=100");

        Assert.Equal(1, view.PageNumber);
        Assert.Equal(0, view.ToQuery().Page.Skip);
    }

    [Fact]
    public void Changing_tab_keeps_filters_and_goes_back_to_the_first_page()
    {
        var view = new ConnectionListView { Search = "acme", PageNumber = 4 }.OnTab(ConnectionState.Staged);

        Assert.Equal(ConnectionState.Staged, view.Tab);
        Assert.Equal("acme", view.Search);
        Assert.Equal(1, view.PageNumber);
    }
}
