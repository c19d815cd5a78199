using System.Runtime.CompilerServices;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Finch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>The connections the caller may see: the list, its counts, the action-needed banner and one connection.</summary>
public sealed class ConnectionDirectory(
    EmployerData data, CurrentCaller currentCaller, OutOfScopeAccess outOfScope, TimeProvider clock, IOptions<ActionNeededOptions> actionNeeded,
    ILogger<ConnectionDirectory> logger)
{
    private readonly ActionNeededThresholds _thresholds = actionNeeded.Value.Thresholds;

    /// <summary>Whether a row's sync is overdue now: the rule the list's filter runs in SQL, for the CSV's rows.</summary>
    public Func<ConnectionRow, bool> SyncOverdueRule()
    {
        var overdue = ActionNeeded.SyncOverdueAt(clock.GetUtcNow(), _thresholds).Compile();
        return row => row.State == ConnectionState.Live && overdue(row.Status, row.ConnectionType, row.LastSyncedAt);
    }

    public async Task<Page<ConnectionRow>> ListAsync(ConnectionListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var matching = db.Connections.AsNoTracking()
            .Where(c => c.State == query.Tab)
            .Matching(query.Search, query.Filters, clock.GetUtcNow(), _thresholds);

        var total = await matching.CountAsync(cancellationToken);
        var rows = await matching
            .SortedBy(query.Sort, query.Descending)
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .AsRows()
            .ToListAsync(cancellationToken);
        return new Page<ConnectionRow>(rows, total);
    }

    /// <summary>
    /// Every row of one tab with the list's search, filters and sort, streamed from the database as it is read,
    /// so an export of 100,000 rows holds one row in memory at a time.
    /// </summary>
    public async IAsyncEnumerable<ConnectionRow> ExportAsync(
        ConnectionListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!(await currentCaller.GetAsync(cancellationToken)).Can(Permission.ExportConnections))
        {
            throw new UnauthorizedAccessException("Exporting connections is not among this user's permissions.");
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var rows = db.Connections.AsNoTracking()
            .Where(c => c.State == query.Tab)
            .Matching(query.Search, query.Filters, clock.GetUtcNow(), _thresholds)
            .SortedBy(query.Sort, query.Descending)
            .AsRows()
            .AsAsyncEnumerable()
            .WithCancellation(cancellationToken);
        await foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <summary>How many connections each tab would show with the same search and filters.</summary>
    public async Task<TabCounts> CountByTabAsync(string? search, ConnectionFilters filters, CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var counts = await db.Connections.AsNoTracking()
            .Matching(search, filters, clock.GetUtcNow(), _thresholds)
            .GroupBy(c => c.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        return new TabCounts(
            counts.GetValueOrDefault(ConnectionState.Live),
            counts.GetValueOrDefault(ConnectionState.Staged),
            counts.GetValueOrDefault(ConnectionState.Disconnected));
    }

    public async Task<ActionNeededSummary> ActionNeededAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        return await db.Connections.AsNoTracking().ActionNeededSummaryAsync(clock.GetUtcNow(), _thresholds, cancellationToken);
    }

    /// <summary>Distinct providers among the caller's connections, for the provider filter's pick-list.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ProvidersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        return await db.Connections.AsNoTracking().ProvidersAsync(cancellationToken);
    }

    public async Task<ConnectionDetails?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var row = await db.Connections.AsNoTracking().Where(c => c.Id == id).AsRows().SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            logger.LogInformation("Connection {ConnectionId} not found in the caller's scope", id);
            await outOfScope.ReportConnectionAsync(await currentCaller.GetAsync(cancellationToken), id, cancellationToken);
            return null;
        }

        var employerName = await db.Employers.Where(e => e.Id == row.EmployerId).Select(e => e.Name).SingleAsync(cancellationToken);
        var entities = await db.ConnectionEntities.AsNoTracking()
            .Where(e => e.ConnectionId == id)
            .OrderBy(e => e.Status).ThenBy(e => e.Name)
            .ToListAsync(cancellationToken);
        var methods = await db.ConnectionAuthenticationMethods.AsNoTracking()
            .Where(m => m.ConnectionId == id)
            .OrderBy(m => m.Type)
            .ToListAsync(cancellationToken);
        var timeline = await db.ConnectionEvents.AsNoTracking()
            .Where(e => e.ConnectionId == id)
            .OrderByDescending(e => e.OccurredAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        // The username is the employer's sign-in at the provider: read only for roles that may see it, so no page can leak it.
        var viewsAccount = (await currentCaller.GetAsync(cancellationToken)).Can(Permission.ViewProviderAccount);
        var facts = await db.Connections.Where(c => c.Id == id)
            .Select(c => new
            {
                c.Environment,
                Account = viewsAccount ? new IntrospectedAccount(c.FinchConnectionType, c.Manual, c.Username) : null,
            })
            .SingleAsync(cancellationToken);
        var disconnection = row.DisconnectedAt is { } disconnectedAt
            ? new Disconnection(disconnectedAt, row.DisconnectedBy ?? Connection.EndedByFinch, row.DisconnectReason)
            : null;
        return new ConnectionDetails(row, employerName, entities, methods, timeline, disconnection, facts.Environment, facts.Account);
    }
}

/// <param name="Environment">The Finch environment the connection lives in, from its <c>client_type</c>; null until Finch said.</param>
/// <param name="Account">
/// Null for roles without <see cref="Permission.ViewProviderAccount"/>; its fields are null until /introspect was read.
/// </param>
public sealed record ConnectionDetails(
    ConnectionRow Connection,
    string EmployerName,
    IReadOnlyList<ConnectionEntity> Entities,
    IReadOnlyList<ConnectionAuthenticationMethod> AuthenticationMethods,
    IReadOnlyList<ConnectionEvent> Timeline,
    Disconnection? Disconnection,
    FinchEnvironment? Environment,
    IntrospectedAccount? Account)
{
    /// <summary>What a full disconnect asks the user to type (<see cref="ConnectionDisconnector.ConfirmationName"/>).</summary>
    public string ConfirmationName => ConnectionDisconnector.ConfirmationName(Connection.CompanyName, Connection.CustomerName, EmployerName);

    public IReadOnlyList<ConnectionEntity> ActiveEntities => [.. Entities.Where(e => e.IsActive)];
}

/// <summary>When the connection ended, by whom (a dashboard user, or Finch) and why.</summary>
public sealed record Disconnection(DateTimeOffset At, string By, string? Reason);
