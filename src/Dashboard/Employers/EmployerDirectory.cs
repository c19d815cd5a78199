using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Employers;

public sealed record EmployerSummary(Guid Id, string CustomerId, string Name, string? Email, DateTimeOffset CreatedAt);

public enum EmployerSort
{
    NameAscending,
    NameDescending,
    CustomerIdAscending,
    CustomerIdDescending,
    CreatedNewestFirst,
    CreatedOldestFirst,
}

public sealed record EmployerListQuery(string? Search, EmployerSort Sort, PageRequest Page);

/// <summary>The employers the caller may see. Out-of-scope employers behave exactly like missing ones.</summary>
public sealed class EmployerDirectory(EmployerData data, ILogger<EmployerDirectory> logger)
{
    public async Task<Page<EmployerSummary>> ListAsync(EmployerListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var employers = db.Employers.AsNoTracking();

        if (TextSearch.ContainsPattern(query.Search) is { } pattern)
        {
            employers = employers.Where(e =>
                EF.Functions.ILike(e.Name, pattern, TextSearch.EscapeCharacter) ||
                EF.Functions.ILike(e.CustomerId, pattern, TextSearch.EscapeCharacter) ||
                (e.Email != null && EF.Functions.ILike(e.Email, pattern, TextSearch.EscapeCharacter)));
        }

        var total = await employers.CountAsync(cancellationToken);
        var items = await Sorted(employers, query.Sort)
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .Select(e => new EmployerSummary(e.Id, e.CustomerId, e.Name, e.Email, e.CreatedAt))
            .ToListAsync(cancellationToken);
        return new Page<EmployerSummary>(items, total);
    }

    public async Task<EmployerSummary?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var employer = await db.Employers.AsNoTracking()
            .Where(e => e.Id == id)
            .Select(e => new EmployerSummary(e.Id, e.CustomerId, e.Name, e.Email, e.CreatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (employer is null)
        {
            logger.LogInformation("Employer {EmployerId} not found in the caller's scope", id);
        }

        return employer;
    }

    // Id breaks ties so paging is stable when names repeat.
    private static IQueryable<Employer> Sorted(IQueryable<Employer> employers, EmployerSort sort) => sort switch
    {
        EmployerSort.NameDescending => employers.OrderByDescending(e => e.Name).ThenBy(e => e.Id),
        EmployerSort.CustomerIdAscending => employers.OrderBy(e => e.CustomerId).ThenBy(e => e.Id),
        EmployerSort.CustomerIdDescending => employers.OrderByDescending(e => e.CustomerId).ThenBy(e => e.Id),
        EmployerSort.CreatedNewestFirst => employers.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id),
        EmployerSort.CreatedOldestFirst => employers.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id),
        _ => employers.OrderBy(e => e.Name).ThenBy(e => e.Id),
    };
}
