namespace FinchDashboard.Dashboard.Data;

/// <summary>One page of a list whose paging happened in the database, with the total the filter matched.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>Which rows of a list to fetch. Sizes are clamped so no caller can ask the database for everything.</summary>
public readonly record struct PageRequest
{
    public const int MaxSize = 200;

    public PageRequest(int skip, int take)
    {
        Skip = Math.Max(0, skip);
        Take = Math.Clamp(take, 1, MaxSize);
    }

    public int Skip { get; }

    public int Take { get; }
}
