using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain;
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

    [Fact]
    public void Moving_to_another_page_keeps_everything_else()
    {
        var view = new ConnectionListView { Search = "acme", Sort = ConnectionSortColumn.Provider, Descending = false };

        var next = view.Paged(3, ConnectionListView.DefaultPageSize, ConnectionSortColumn.Provider, descending: false);

        Assert.Equal(3, next.PageNumber);
        Assert.Equal("?q=acme&sort=provider&dir=asc&page=3", next.ToQueryString());
    }

    [Fact]
    public void A_new_sort_or_page_size_starts_from_the_first_page()
    {
        var view = new ConnectionListView { PageNumber = 4 };

        Assert.Equal(1, view.Paged(4, 25, ConnectionSortColumn.Status, descending: false).PageNumber);
        Assert.Equal(1, view.Paged(4, 25, ConnectionSortColumn.Connected, descending: false).PageNumber);
        var resized = view.Paged(4, 100, ConnectionSortColumn.Connected, descending: true);
        Assert.Equal((1, 100), (resized.PageNumber, resized.PageSize));
    }

    [Fact]
    public void A_page_size_the_list_does_not_offer_is_not_taken_and_no_sort_keeps_the_current_one()
    {
        var view = new ConnectionListView { Sort = ConnectionSortColumn.Customer };

        var next = view.Paged(2, 7, sort: null, descending: false);

        Assert.Equal(ConnectionListView.DefaultPageSize, next.PageSize);
        Assert.Equal(ConnectionSortColumn.Customer, next.Sort);
        Assert.True(next.Descending);
        Assert.Equal(2, next.PageNumber);
    }

    [Theory]
    [InlineData("  globex ", "globex")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void A_search_is_trimmed_blank_is_none_and_the_page_starts_again(string? typed, string? expected)
    {
        var view = new ConnectionListView { PageNumber = 5 }.Searching(typed);

        Assert.Equal(expected, view.Search);
        Assert.Equal(1, view.PageNumber);
    }

    [Fact]
    public void New_filters_start_from_the_first_page()
    {
        var view = new ConnectionListView { PageNumber = 2 }.Filtered(new ConnectionFilters { Providers = ["gusto"] });

        Assert.Equal("?provider=gusto", view.ToQueryString());
    }

    [Fact]
    public void Views_that_show_the_same_rows_are_the_same_although_their_lists_are_different_objects()
    {
        var view = ConnectionListView.Parse("http://localhost/connections?status=reauth&provider=gusto");
        var again = ConnectionListView.Parse("http://localhost/connections?provider=gusto&status=reauth");

        Assert.True(view.SameAs(again));
        Assert.False(view.SameAs(again with { PageNumber = 2 }));
    }

    [Fact]
    public void The_banner_link_shows_only_connections_that_need_action() =>
        Assert.Equal("connections?action=needed", ConnectionListView.ActionNeeded.Href);

    [Theory]
    [InlineData(ConnectionState.Live, null, "No live connections yet. They appear here once an employer completes Finch Connect.")]
    [InlineData(ConnectionState.Staged, null, "No Connect sessions are waiting for an employer.")]
    [InlineData(ConnectionState.Disconnected, null, "No disconnected connections.")]
    [InlineData(ConnectionState.Staged, "acme", "No connections match this search and these filters.")]
    public void The_empty_list_says_why_it_is_empty(ConnectionState tab, string? search, string expected) =>
        Assert.Equal(expected, new ConnectionListView { Tab = tab, Search = search }.EmptyText);

    [Fact]
    public void A_filter_alone_counts_as_narrowing_the_list() =>
        Assert.Equal("No connections match this search and these filters.",
            new ConnectionListView { Filters = new ConnectionFilters { ActionNeeded = true } }.EmptyText);
}
