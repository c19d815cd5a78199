using FinchDashboard.Dashboard.Connections;

namespace FinchDashboard.Unit.Connections;

public class ConnectionColumnTests
{
    [Fact]
    public void Every_sortable_column_is_declared_exactly_once()
    {
        Assert.Equal(Enum.GetValues<ConnectionSortColumn>(), ConnectionColumn.All.Select(c => c.Id).Order());
        Assert.Equal(ConnectionColumn.All.Count, ConnectionColumn.All.Select(c => c.Name).Distinct().Count());
        Assert.Equal(ConnectionColumn.All.Count, ConnectionColumn.All.Select(c => c.RowProperty).Distinct().Count());
    }

    [Fact]
    public void Each_column_is_shown_from_a_property_of_the_row() =>
        Assert.All(ConnectionColumn.All, c => Assert.NotNull(typeof(ConnectionRow).GetProperty(c.RowProperty)));

    [Theory]
    [InlineData(ConnectionSortColumn.Company, "company")]
    [InlineData(ConnectionSortColumn.ConnectionId, "connection_id")]
    [InlineData(ConnectionSortColumn.Customer, "customer")]
    [InlineData(ConnectionSortColumn.Entities, "entities")]
    [InlineData(ConnectionSortColumn.Status, "status")]
    [InlineData(ConnectionSortColumn.LastSynced, "last_synced")]
    [InlineData(ConnectionSortColumn.ConnectionType, "type")]
    [InlineData(ConnectionSortColumn.Connected, "connected")]
    [InlineData(ConnectionSortColumn.Provider, "provider")]
    [InlineData(ConnectionSortColumn.Created, "created")]
    [InlineData(ConnectionSortColumn.Expires, "expires")]
    [InlineData(ConnectionSortColumn.Disconnected, "disconnected")]
    public void A_sort_keeps_its_name_in_the_URL(ConnectionSortColumn column, string inUrl)
    {
        var view = new ConnectionListView { Sort = column, Descending = false };

        Assert.Equal($"?sort={inUrl}&dir=asc", view.ToQueryString());
        Assert.Equal(column, ConnectionListView.Parse("http://localhost/connections" + view.ToQueryString()).Sort);
    }
}
