using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Triage;

/// <summary>What the triage queue shows of one connection in need of action.</summary>
public sealed record TriageItem(
    Guid ConnectionId,
    string EmployerName,
    string? CompanyName,
    int ActiveEntityCount,
    string? ProviderId,
    string? ProviderName,
    ActionNeededKind Kind,
    DateTimeOffset Since,
    string? LastError,
    DateTimeOffset? LastSyncedAt,
    DateTimeOffset? ContactedAt,
    string? ContactedBy,
    DateOnly? FollowUpOn,
    int NoteCount);

public sealed record TriageQuery(string? ProviderId, ActionNeededKind? Kind, PageRequest Page);

/// <summary>
/// Support's queue: every live connection in need of action (the action-needed kinds), oldest first, within the caller's
/// scope. Needs <see cref="Permission.WorkTriageQueue"/>.
/// </summary>
public sealed class TriageQueue(EmployerData data, CurrentCaller currentCaller, TimeProvider clock, IOptions<ActionNeededOptions> actionNeeded)
{
    private readonly ActionNeededThresholds _thresholds = actionNeeded.Value.Thresholds;

    public async Task<Page<TriageItem>> ListAsync(TriageQuery query, CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var db = await data.OpenAsync(cancellationToken);
        var items = db.Connections.AsNoTracking().WithActionNeeded(now, _thresholds);
        if (query.ProviderId is { } providerId)
        {
            items = items.Where(i => i.Connection.ProviderId == providerId);
        }

        if (query.Kind is { } kind)
        {
            items = items.Where(i => i.Kind == kind);
        }

        var total = await items.CountAsync(cancellationToken);
        var rows = await items
            .Select(i => new
            {
                i.Connection,
                i.Kind,
                EmployerName = db.Employers.Where(e => e.Id == i.Connection.EmployerId).Select(e => e.Name).First(),
                // A failing streak dates from its first failure since the status last changed, overdue data from its last
                // sync; the rest from the status change.
                Since = i.Kind == ActionNeededKind.FailingHealthChecks
                    ? db.HealthCheckFailures.Where(f => f.ConnectionId == i.Connection.Id && f.OccurredAt >= i.Connection.StatusChangedAt)
                        .Min(f => (DateTimeOffset?)f.OccurredAt) ?? i.Connection.StatusChangedAt
                    : i.Kind == ActionNeededKind.SyncOverdue ? i.Connection.LastSyncedAt!.Value : i.Connection.StatusChangedAt,
                NoteCount = db.ConnectionNotes.Count(n => n.ConnectionId == i.Connection.Id),
            })
            .OrderBy(i => i.Since)
            .ThenBy(i => i.Connection.Id)
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .ToListAsync(cancellationToken);
        var page = rows.Select(r => new TriageItem(
            r.Connection.Id, r.EmployerName, r.Connection.CompanyName, r.Connection.ActiveEntityCount, r.Connection.ProviderId,
            r.Connection.ProviderName, r.Kind, r.Since, r.Connection.LastHealthFailureMessage ?? r.Connection.StatusMessage,
            r.Connection.LastSyncedAt, r.Connection.ContactedAt, r.Connection.ContactedBy, r.Connection.FollowUpOn, r.NoteCount)).ToList();
        return new Page<TriageItem>(page, total);
    }

    /// <summary>Providers among the connections in the queue, for its filter.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> ProvidersAsync(CancellationToken cancellationToken = default)
    {
        await DemandAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        return await db.Connections.AsNoTracking().NeedingAction(clock.GetUtcNow(), _thresholds).ProvidersAsync(cancellationToken);
    }

    private async Task DemandAsync(CancellationToken cancellationToken)
    {
        if (!(await currentCaller.GetAsync(cancellationToken)).Can(Permission.WorkTriageQueue))
        {
            throw new UnauthorizedAccessException("The triage queue is not among this user's permissions.");
        }
    }
}
