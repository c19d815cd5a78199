using FinchDashboard.Dashboard.Components.Pages.Employers;
using FinchDashboard.Dashboard.Employers;

namespace FinchDashboard.Unit.Components.Pages.Employers;

public class EmployerListViewTests
{
    [Theory]
    [InlineData(null, false, EmployerSort.NameAscending)]
    [InlineData(nameof(EmployerSummary.Name), true, EmployerSort.NameDescending)]
    [InlineData(nameof(EmployerSummary.CustomerId), false, EmployerSort.CustomerIdAscending)]
    [InlineData(nameof(EmployerSummary.CustomerId), true, EmployerSort.CustomerIdDescending)]
    [InlineData(nameof(EmployerSummary.CreatedAt), false, EmployerSort.CreatedOldestFirst)]
    [InlineData(nameof(EmployerSummary.CreatedAt), true, EmployerSort.CreatedNewestFirst)]
    public void A_sorted_column_becomes_the_directorys_sort(string? column, bool descending, EmployerSort expected) =>
        Assert.Equal(expected, EmployerListView.Sort(column, descending));

    [Fact]
    public void The_empty_list_says_whether_the_search_or_the_scope_found_nothing()
    {
        Assert.Equal("No employers are visible to your account yet.", EmployerListView.EmptyText(" "));
        Assert.Equal("No employer matches \"acme\".", EmployerListView.EmptyText("acme"));
    }
}
