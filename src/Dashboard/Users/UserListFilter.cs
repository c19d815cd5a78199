using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;

namespace FinchDashboard.Dashboard.Users;

/// <summary>The search and filters above the user list.</summary>
public sealed record UserListFilter(string? Search = null, Role? Role = null, UserStatus? Status = null)
{
    public static readonly IReadOnlyList<int> PageSizes = [10, 25, 50, 100];
    public const int DefaultPageSize = 25;

    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && Role is null && Status is null;

    /// <summary>What the list says when it has no row: an empty list and a search that finds nothing differ.</summary>
    public string EmptyText => IsEmpty ? "No users yet. Add one with \"Add user\"." : "No user matches this search and these filters.";

    /// <param name="pageIndex">0-based, as the grid counts pages.</param>
    public UserListQuery ToQuery(int pageIndex, int pageSize) => new(Search, Role, Status, new PageRequest(pageIndex * pageSize, pageSize));

    public static string StatusName(UserStatus status) => status switch
    {
        UserStatus.LockedOut => "Locked out",
        _ => status.ToString(),
    };
}
