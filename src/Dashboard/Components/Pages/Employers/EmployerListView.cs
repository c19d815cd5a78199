using FinchDashboard.Dashboard.Employers;

namespace FinchDashboard.Dashboard.Components.Pages.Employers;

/// <summary>What the employer list asks of the directory and says when it finds nothing.</summary>
public static class EmployerListView
{
    /// <summary>The sort for a column (its property's name) and direction; by name when nothing is sorted.</summary>
    public static EmployerSort Sort(string? column, bool descending) => column switch
    {
        nameof(EmployerSummary.CustomerId) => descending ? EmployerSort.CustomerIdDescending : EmployerSort.CustomerIdAscending,
        nameof(EmployerSummary.CreatedAt) => descending ? EmployerSort.CreatedNewestFirst : EmployerSort.CreatedOldestFirst,
        _ => descending ? EmployerSort.NameDescending : EmployerSort.NameAscending,
    };

    public static string EmptyText(string? search) => string.IsNullOrWhiteSpace(search)
        ? "No employers are visible to your account yet."
        : $"No employer matches \"{search}\".";
}
