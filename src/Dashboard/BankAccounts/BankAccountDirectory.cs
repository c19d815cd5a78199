using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.BankAccounts;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.BankAccounts;

public enum BankAccountSortColumn
{
    Employer,
    Institution,
    Status,
    Linked,
    Disconnected,
}

/// <summary>What the bank accounts list asks for: a search, an optional status, a sort and a page.</summary>
public sealed record BankAccountListQuery(
    string? Search,
    BankAccountStatus? Status,
    BankAccountSortColumn Sort,
    bool Descending,
    PageRequest Page)
{
    public Guid? EmployerId { get; init; }
}

/// <summary>One bank account as the list and the CSV show it.</summary>
public sealed record BankAccountRow(
    Guid Id,
    Guid EmployerId,
    string EmployerName,
    string InstitutionName,
    string? DisplayName,
    string? Last4,
    string Category,
    string Subcategory,
    BankAccountStatus Status,
    IReadOnlyList<string> Permissions,
    BankAccountRefresh? BalanceRefresh,
    BankAccountRefresh? OwnershipRefresh,
    BankAccountRefresh? TransactionRefresh,
    string LinkedBy,
    DateTimeOffset LinkedAt,
    string? DisconnectedBy,
    DateTimeOffset? DisconnectedAt,
    string? DisconnectReason,
    bool Livemode);

/// <summary>
/// The bank accounts the current caller may see: searched, filtered, sorted and paged in PostgreSQL (the employer
/// query filter does the scoping), for the page and, unpaged and streamed, for the CSV.
/// </summary>
public sealed class BankAccountDirectory(EmployerData data, CurrentCaller currentCaller)
{
    public async Task<Page<BankAccountRow>> ListAsync(BankAccountListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(cancellationToken);
        var matching = Matching(db, query);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await Sorted(Rows(db, matching), query).Skip(query.Page.Skip).Take(query.Page.Take).ToListAsync(cancellationToken);
        return new Page<BankAccountRow>([.. rows.Select(Row)], total);
    }

    public async IAsyncEnumerable<BankAccountRow> ExportAsync(
        BankAccountListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        await foreach (var row in Sorted(Rows(db, Matching(db, query)), query).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return Row(row);
        }
    }

    private async Task<DashboardDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        if (!(await currentCaller.GetAsync(cancellationToken)).Can(Permission.ViewBankAccounts))
        {
            throw new UnauthorizedAccessException("Bank accounts are not among this user's permissions.");
        }

        return await data.OpenAsync(cancellationToken);
    }

    private static IQueryable<BankAccount> Matching(DashboardDbContext db, BankAccountListQuery query)
    {
        var accounts = db.BankAccounts.AsNoTracking();
        if (TextSearch.ContainsPattern(query.Search?.ToLowerInvariant()) is { } pattern)
        {
            accounts = accounts.Where(a => EF.Functions.Like(EF.Property<string>(a, "SearchText"), pattern, TextSearch.EscapeCharacter));
        }

        if (query.Status is { } status)
        {
            accounts = accounts.Where(a => a.Status == status);
        }

        if (query.EmployerId is { } employerId)
        {
            accounts = accounts.Where(a => a.EmployerId == employerId);
        }

        return accounts;
    }

    private static IQueryable<StoredRow> Sorted(IQueryable<StoredRow> rows, BankAccountListQuery query) => (query.Sort, query.Descending) switch
    {
        (BankAccountSortColumn.Employer, false) => rows.OrderBy(r => r.EmployerName).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Employer, true) => rows.OrderByDescending(r => r.EmployerName).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Institution, false) => rows.OrderBy(r => r.Account.InstitutionName).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Institution, true) => rows.OrderByDescending(r => r.Account.InstitutionName).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Status, false) => rows.OrderBy(r => r.Account.Status).ThenByDescending(r => r.Account.LinkedAt).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Status, true) => rows.OrderByDescending(r => r.Account.Status).ThenByDescending(r => r.Account.LinkedAt).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Disconnected, false) => rows.OrderBy(r => r.Account.DisconnectedAt).ThenBy(r => r.Account.Id),
        (BankAccountSortColumn.Disconnected, true) => rows.OrderByDescending(r => r.Account.DisconnectedAt).ThenBy(r => r.Account.Id),
        (_, false) => rows.OrderBy(r => r.Account.LinkedAt).ThenBy(r => r.Account.Id),
        _ => rows.OrderByDescending(r => r.Account.LinkedAt).ThenBy(r => r.Account.Id),
    };

    private static IQueryable<StoredRow> Rows(DashboardDbContext db, IQueryable<BankAccount> accounts) =>
        accounts.Join(db.Employers, a => a.EmployerId, e => e.Id, (a, e) => new StoredRow { Account = a, EmployerName = e.Name });

    private static BankAccountRow Row(StoredRow stored)
    {
        var a = stored.Account;
        return new BankAccountRow(a.Id, a.EmployerId, stored.EmployerName, a.InstitutionName, a.DisplayName, a.Last4, a.Category, a.Subcategory,
            a.Status, a.Permissions, a.RefreshOf(BankAccountRefreshKind.Balance), a.RefreshOf(BankAccountRefreshKind.Ownership),
            a.RefreshOf(BankAccountRefreshKind.Transactions), a.LinkedBy, a.LinkedAt, a.DisconnectedBy, a.DisconnectedAt, a.DisconnectReason, a.Livemode);
    }

    // Member-initialised, not positional, so EF can sort and filter on its members in SQL.
    private sealed class StoredRow
    {
        public required BankAccount Account { get; init; }

        public required string EmployerName { get; init; }
    }
}
