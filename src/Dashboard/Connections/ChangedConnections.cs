using System.Collections.Concurrent;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// What a batch of changes did to the connections of one set of employers, read once and shared by every open list of
/// that set: with fifty pages open on the same book, a webhook costs one read, not fifty. Each read goes through a
/// context scoped to exactly that set, so no page is answered from another set's read.
/// </summary>
public sealed class ChangedConnections(IDbContextFactory<DashboardDbContext> factory, TimeProvider clock, IOptions<ActionNeededOptions> actionNeeded)
{
    /// <summary>Names the shared read in the SQL it sends, for whoever watches the database's activity.</summary>
    public const string RowsTag = "Changed connections for open pages";

    public const string ActionNeededTag = "Action-needed figures for open pages";

    // Pages still working on an older batch can share its read; anything older than this is done with.
    private const long BatchesKept = 8;

    private readonly ActionNeededThresholds _thresholds = actionNeeded.Value.Thresholds;
    private readonly ConcurrentDictionary<(long Sequence, string Employers, bool WithActionNeeded), Lazy<Task<ChangedConnectionRows>>> _reads = new();

    /// <summary>
    /// The changed connections' rows as they are now (a connection <paramref name="scope"/> does not include is
    /// absent), and the scope's action-needed figures when <paramref name="withActionNeeded"/>.
    /// </summary>
    public Task<ChangedConnectionRows> ReadAsync(
        ConnectionChangeBatch batch, EmployerScope scope, bool withActionNeeded, CancellationToken cancellationToken = default)
    {
        if (batch.Sequence is not { } sequence)
        {
            return ReadNowAsync(batch, scope, withActionNeeded, cancellationToken);
        }

        foreach (var done in _reads.Keys.Where(k => k.Sequence <= sequence - BatchesKept))
        {
            _reads.TryRemove(done, out _);
        }

        // Not cancelled by the page that happened to ask first: the others wait on the same read.
        var read = _reads.GetOrAdd((sequence, EmployersOf(scope), withActionNeeded),
            _ => new Lazy<Task<ChangedConnectionRows>>(() => ReadNowAsync(batch, scope, withActionNeeded, CancellationToken.None)));
        return read.Value.WaitAsync(cancellationToken);
    }

    private async Task<ChangedConnectionRows> ReadNowAsync(
        ConnectionChangeBatch batch, EmployerScope scope, bool withActionNeeded, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.EmployerScope = scope;
        var ids = batch.Changes.Where(c => scope.Includes(c.EmployerId)).Select(c => c.ConnectionId).ToArray();
        var rows = await db.Connections.AsNoTracking().TagWith(RowsTag).Where(c => ids.Contains(c.Id)).AsRows().ToDictionaryAsync(r => r.Id, cancellationToken);
        var summary = withActionNeeded
            ? await db.Connections.AsNoTracking().TagWith(ActionNeededTag).ActionNeededSummaryAsync(clock.GetUtcNow(), _thresholds, cancellationToken)
            : null;
        return new ChangedConnectionRows(rows, summary);
    }

    private static string EmployersOf(EmployerScope scope) =>
        scope.IncludesAllEmployers ? "*" : string.Join(',', scope.EmployerIds);
}

/// <param name="Rows">The changed connections the scope includes, by id, as they are now.</param>
/// <param name="ActionNeeded">The scope's action-needed figures, when asked for.</param>
public sealed record ChangedConnectionRows(IReadOnlyDictionary<Guid, ConnectionRow> Rows, ActionNeededSummary? ActionNeeded);
