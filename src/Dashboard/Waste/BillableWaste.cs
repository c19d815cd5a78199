using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Finch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Waste;

/// <summary>One connection that costs money for nothing, why, and what fixes it.</summary>
public sealed record WasteItem(
    Guid ConnectionId,
    Guid EmployerId,
    string EmployerName,
    string? CompanyName,
    string? CustomerName,
    string? CompanyId,
    string? FinchConnectionId,
    string? ProviderId,
    string? ProviderName,
    ConnectionState State,
    ConnectionStatus Status,
    int ActiveEntityCount,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? ConnectedAt,
    WasteReason Reason)
{
    public bool Billed => Reason.IsBilled();

    /// <summary>What a full disconnect asks the user to type, as on the connection's page.</summary>
    public string ConfirmationName => ConnectionDisconnector.ConfirmationName(CompanyName, CustomerName, EmployerName);

    public WasteAction Action => Reason switch
    {
        WasteReason.DisconnectedStillBilled => WasteAction.ContactFinch,
        WasteReason.NoRecentSync when Status == ConnectionStatus.Reauth => WasteAction.Reauth,
        WasteReason.NoRecentSync => WasteAction.ContactEmployer,
        _ => WasteAction.Disconnect,
    };
}

/// <summary>How many of an employer's connections are billed for nothing.</summary>
public sealed record EmployerWaste(Guid EmployerId, string EmployerName, int Billed);

/// <summary>
/// The billable waste page: connections that cost money for nothing (<see cref="WasteReason"/>), within the caller's
/// employers, worked out in one PostgreSQL query per page. Needs <see cref="Permission.ReviewBillableWaste"/>.
/// </summary>
public sealed class BillableWaste(EmployerData data, CurrentCaller currentCaller, TimeProvider clock, IOptions<WasteOptions> options)
{
    // Whole words in the lower-cased search text (company, customer, ids, provider), in PostgreSQL's regex dialect.
    private const string TestNames = @"\m(test|testing|demo|sandbox)\M";

    public async Task<Page<WasteItem>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var waste = Items(db);
        var total = await waste.CountAsync(cancellationToken);
        var items = await waste.Skip(page.Skip).Take(page.Take).ToListAsync(cancellationToken);
        return new Page<WasteItem>(items, total);
    }

    /// <summary>Each employer with connections billed for nothing, most first.</summary>
    public async Task<IReadOnlyList<EmployerWaste>> BilledByEmployerAsync(CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var counts = await Candidates(db)
            .Where(w => w.Reason != null && w.Reason != WasteReason.NothingLeftToSync)
            .GroupBy(w => w.Connection.EmployerId)
            .Select(g => new { EmployerId = g.Key, Billed = g.Count() })
            .Join(db.Employers, g => g.EmployerId, e => e.Id, (g, e) => new EmployerWaste(g.EmployerId, e.Name, g.Billed))
            .ToListAsync(cancellationToken);
        return [.. counts.OrderByDescending(c => c.Billed).ThenBy(c => c.EmployerName, StringComparer.CurrentCulture)];
    }

    /// <summary>Every item, streamed from the database as it is read, for the CSV.</summary>
    public async IAsyncEnumerable<WasteItem> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        await foreach (var item in Items(db).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    public TimeSpan NoSyncFor => options.Value.NoSyncFor;

    private IQueryable<WasteItem> Items(DashboardDbContext db) =>
        Candidates(db)
            .Where(w => w.Reason != null)
            .OrderBy(w => w.Reason)
            .ThenBy(w => w.Connection.CreatedAt)
            .ThenBy(w => w.Connection.Id)
            .Select(w => new WasteItem(
                w.Connection.Id, w.Connection.EmployerId,
                db.Employers.Where(e => e.Id == w.Connection.EmployerId).Select(e => e.Name).First(),
                w.Connection.CompanyName, w.Connection.CustomerName, w.Connection.CompanyId, w.Connection.FinchConnectionId, w.Connection.ProviderId,
                w.Connection.ProviderName, w.Connection.State, w.Connection.Status, w.Connection.ActiveEntityCount,
                w.Connection.LastSyncedAt, w.Connection.ConnectedAt, w.Reason!.Value));

    // Every connection with the first reason that holds, or none. A duplicate is the older of two: the newer one is
    // the one the employer set up to replace it, so it is kept. The newest of each company and of each employer and
    // provider is found in one grouped pass and joined, not looked up again for every row (seconds at 100k rows). Two
    // live connections created in the same microsecond are both the newest, so neither is called the duplicate.
    private IQueryable<WasteCandidate> Candidates(DashboardDbContext db)
    {
        var noSyncSince = clock.GetUtcNow() - options.Value.NoSyncFor;
        var live = db.Connections.Where(d => d.State == ConnectionState.Live);
        var newestOfCompany = live.Where(d => d.CompanyId != null)
            .GroupBy(d => d.CompanyId)
            .Select(g => new { CompanyId = g.Key, Newest = (DateTimeOffset?)g.Max(d => d.CreatedAt) });
        var newestOfProvider = live.Where(d => d.ProviderId != null)
            .GroupBy(d => new { d.EmployerId, d.ProviderId })
            .Select(g => new { g.Key.EmployerId, g.Key.ProviderId, Newest = (DateTimeOffset?)g.Max(d => d.CreatedAt) });
        var failedDisconnects = db.AuditLog.Where(r => r.Action == AuditAction.ConnectionDisconnected && r.Outcome == AuditOutcome.Failed);
        return
            from c in db.Connections.AsNoTracking()
            join company in newestOfCompany on c.CompanyId equals company.CompanyId into companies
            from company in companies.DefaultIfEmpty()
            join provider in newestOfProvider on new { c.EmployerId, c.ProviderId } equals new { provider.EmployerId, provider.ProviderId } into providers
            from provider in providers.DefaultIfEmpty()
            select new WasteCandidate
            {
                Connection = c,
                Reason =
                    c.State == ConnectionState.Disconnected
                        ? c.DisconnectedBy != null && c.DisconnectedBy != Connection.EndedByFinch && failedDisconnects.Any(r => r.TargetId == c.Id.ToString())
                            ? (WasteReason?)WasteReason.DisconnectedStillBilled
                            : null
                    : c.State != ConnectionState.Live ? null
                    : c.ActiveEntityCount == 0 && db.ConnectionEntities.Any(e => e.ConnectionId == c.Id) ? (WasteReason?)WasteReason.NothingLeftToSync
                    : c.CreatedAt < company!.Newest ? (WasteReason?)WasteReason.DuplicateCompany
                    : c.CreatedAt < provider!.Newest ? (WasteReason?)WasteReason.DuplicateProvider
                    : (c.FinchConnectionType == IntrospectedAccount.FinchGeneratedData && c.Environment != FinchEnvironment.Sandbox)
                        || Regex.IsMatch(c.SearchText, TestNames)
                        ? (WasteReason?)WasteReason.TestConnection
                    : (c.LastSyncedAt ?? c.ConnectedAt) < noSyncSince ? (WasteReason?)WasteReason.NoRecentSync
                    : null,
            };
    }

    private async Task DemandAsync(CancellationToken cancellationToken)
    {
        if (!(await currentCaller.GetAsync(cancellationToken)).Can(Permission.ReviewBillableWaste))
        {
            throw new UnauthorizedAccessException("The billable waste page is not among this user's permissions.");
        }
    }

    /// <summary>Built with an initializer, so EF Core keeps composing the query over it.</summary>
    private sealed class WasteCandidate
    {
        public required Connection Connection { get; init; }

        public WasteReason? Reason { get; init; }
    }
}
