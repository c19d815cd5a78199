using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
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

public abstract record NewEmployerResult
{
    public sealed record Created(EmployerSummary Employer) : NewEmployerResult;

    public sealed record Invalid(IReadOnlyList<string> Problems) : NewEmployerResult;
}

/// <summary>The employers the caller may see. Out-of-scope employers behave exactly like missing ones.</summary>
public sealed class EmployerDirectory(
    EmployerData data,
    SystemData systemData,
    CurrentCaller currentCaller,
    AuditTrail audit,
    OutOfScopeAccess outOfScope,
    TimeProvider clock,
    ILogger<EmployerDirectory> logger)
{
    /// <summary>
    /// Adds an employer (our customer). Admins and account managers only; an account manager's new employer joins
    /// their book, so they can go on to create its Connect link.
    /// </summary>
    public async Task<NewEmployerResult> CreateAsync(string? customerId, string? name, string? email, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.CreateEmployer))
        {
            await audit.DeniedAsync(caller, Permission.CreateEmployer, AuditAction.EmployerCreated, "employer", null, null, cancellationToken);
            return new NewEmployerResult.Invalid(["Only admins and account managers can add employers."]);
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(customerId) || customerId.Trim().Length > Employer.CustomerIdMaxLength)
        {
            problems.Add($"Customer ID is required (at most {Employer.CustomerIdMaxLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Employer.NameMaxLength)
        {
            problems.Add($"Name is required (at most {Employer.NameMaxLength} characters).");
        }

        if (!string.IsNullOrWhiteSpace(email) && (email.Trim().Length > Employer.EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _)))
        {
            problems.Add($"Email is not a valid address (at most {Employer.EmailMaxLength} characters).");
        }

        if (problems.Count > 0)
        {
            return new NewEmployerResult.Invalid(problems);
        }

        // Uniqueness is across all employers, including ones this caller cannot see.
        await using var db = await systemData.OpenAsync(cancellationToken);
        if (await db.Employers.AnyAsync(e => e.CustomerId == customerId!.Trim(), cancellationToken))
        {
            return new NewEmployerResult.Invalid(["That customer ID is already in use."]);
        }

        var now = clock.GetUtcNow();
        var employer = new Employer(Guid.CreateVersion7(now), customerId!, name!, email, now);
        db.Employers.Add(employer);
        if (caller is { UserId: { } userId } && !caller.Scope.IncludesAllEmployers)
        {
            db.EmployerGrants.Add(new EmployerGrant(userId, employer.Id, now));
        }

        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.EmployerCreated, AuditOutcome.Succeeded, "employer", employer.Id.ToString(), employer.Id)
        {
            Detail = $"{employer.Name} ({employer.CustomerId})",
        });
        await db.SaveChangesAsync(cancellationToken);
        currentCaller.Forget();
        logger.LogInformation("Employer {EmployerId} created by {UserId}", employer.Id, caller.UserId);
        return new NewEmployerResult.Created(new EmployerSummary(employer.Id, employer.CustomerId, employer.Name, employer.Email, employer.CreatedAt));
    }

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
            await outOfScope.ReportEmployerAsync(await currentCaller.GetAsync(cancellationToken), id, cancellationToken);
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
