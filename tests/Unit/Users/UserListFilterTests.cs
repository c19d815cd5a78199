using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;

namespace FinchDashboard.Unit.Users;

public class UserListFilterTests
{
    [Fact]
    public void The_grids_page_becomes_a_query_from_the_right_row()
    {
        var query = new UserListFilter("peo@", Role.EmployerAdmin, UserStatus.Active).ToQuery(pageIndex: 2, pageSize: 25);

        Assert.Equal("peo@", query.Search);
        Assert.Equal(Role.EmployerAdmin, query.Role);
        Assert.Equal(UserStatus.Active, query.Status);
        Assert.Equal(50, query.Page.Skip);
        Assert.Equal(25, query.Page.Take);
    }

    [Theory]
    [InlineData(null, null, null, "No users yet. Add one with \"Add user\".")]
    [InlineData("  ", null, null, "No users yet. Add one with \"Add user\".")]
    [InlineData("erin", null, null, "No user matches this search and these filters.")]
    [InlineData(null, Role.Support, null, "No user matches this search and these filters.")]
    [InlineData(null, null, UserStatus.Deactivated, "No user matches this search and these filters.")]
    public void An_empty_list_says_whether_a_search_found_nothing(string? search, Role? role, UserStatus? status, string text) =>
        Assert.Equal(text, new UserListFilter(search, role, status).EmptyText);

    [Fact]
    public void Statuses_read_as_words() =>
        Assert.Equal(["Active", "Locked out", "Deactivated"], Enum.GetValues<UserStatus>().Select(UserListFilter.StatusName));
}
