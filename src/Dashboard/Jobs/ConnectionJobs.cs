using System.Globalization;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Jobs;

/// <summary>Whether "Sync now" may be pressed, and if not, why and from when.</summary>
public sealed record SyncAvailability(bool Allowed, string? Reason = null, DateTimeOffset? AllowedAt = null)
{
    public static SyncAvailability Now { get; } = new(true);
}

/// <summary>A connection's recent automated jobs as stored, newest first, and what follows from them.</summary>
public sealed record ConnectionJobsView(IReadOnlyList<AutomatedJob> Recent, bool InitialImportInProgress, SyncAvailability Sync);

/// <summary>What reading the job list from Finch, or "Sync now", did, in words for the person looking.</summary>
public sealed record JobsOutcome(bool Succeeded, string Message, string? FinchRequestId = null);

/// <summary>
/// A connection's automated jobs. They are stored (see <see cref="AutomatedJobReports"/>) so the page reads them from
/// the database: Finch is asked once when the page opens (<see cref="ReadFromFinchAsync"/>), and webhooks bring every
/// change after that. "Sync now" is for staff with <see cref="Permission.SyncConnection"/>, checked here.
/// </summary>
public sealed class ConnectionJobs(
    EmployerData data,
    ConnectionTokens tokens,
    FinchConnectionClient finch,
    CurrentCaller currentCaller,
    AuditTrail audit,
    OutOfScopeAccess outOfScope,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<ConnectionJobs> logger)
{
    private const string NotFound = "There is no such connection, or it belongs to an employer your account cannot see.";

    /// <summary>From the database only; null when the connection is not in the caller's scope.</summary>
    public async Task<ConnectionJobsView?> ReadAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var recent = await RecentAsync(db, connectionId, cancellationToken);
        var initialImport = connection.LastSyncedAt is null && recent.Any(j => j.Type == AutomatedJob.DataSyncAll && !j.IsFinished);
        return new ConnectionJobsView(recent, initialImport, Availability(connection, recent, clock.GetUtcNow()));
    }

    /// <summary>
    /// The page's one Finch call: GET /jobs/automated for the newest jobs and the refresh quota, stored so that live
    /// updates and later reads need no call. Nothing is asked for connections that are not live or have no token.
    /// </summary>
    public async Task<JobsOutcome> ReadFromFinchAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ViewConnections))
        {
            return new JobsOutcome(false, "Your role cannot see connections.");
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is not { State: ConnectionState.Live })
        {
            return new JobsOutcome(false, connection is null ? NotFound : "Finch keeps no jobs for connections that are not live.");
        }

        if (await tokens.FindAsync(db, connectionId, cancellationToken) is not { } token)
        {
            return new JobsOutcome(false, "The dashboard holds no access token for this connection, so it cannot ask Finch about its jobs.");
        }

        var settings = options.Value;
        var listed = await finch.ListAutomatedJobsAsync(token, settings.ShownOnConnectionPage, cancellationToken);
        if (!listed.IsSuccess)
        {
            logger.LogInformation("Reading the jobs of connection {ConnectionId} from Finch failed: {Failure}", connectionId, listed.Failure.Describe());
            return new JobsOutcome(false, $"These are the jobs as last stored; Finch could not be asked just now. {FinchFailureMessages.For(listed.Failure)}", listed.RequestId);
        }

        var now = clock.GetUtcNow();
        await AutomatedJobReports.ApplyAsync(db, connection, listed.Value.Data, now, cancellationToken);
        if (listed.Value.Meta?.Quotas?.DataSyncAll is { RemainingRefreshes: { } remaining })
        {
            await ApplyQuotaAsync(db, connection, remaining, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new JobsOutcome(true, "Jobs read from Finch.", listed.RequestId);
    }

    /// <summary>
    /// "Sync now": POST /jobs/automated with data_sync_all. Refused without asking Finch while a sync runs or before
    /// Finch allows the next one; a 429 from Finch is recorded with its Retry-After, so the button says when to try.
    /// </summary>
    public async Task<JobsOutcome> SyncNowAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            await outOfScope.ReportConnectionAsync(caller, connectionId, cancellationToken);
            return new JobsOutcome(false, NotFound);
        }

        if (!caller.Can(Permission.SyncConnection))
        {
            await audit.DeniedAsync(caller, Permission.SyncConnection, AuditAction.SyncRequested, "connection", connectionId.ToString(), connection.EmployerId, cancellationToken);
            return new JobsOutcome(false, "Your role cannot ask Finch to sync a connection; ask support or the employer's account manager.");
        }

        if (connection.State != ConnectionState.Live)
        {
            return new JobsOutcome(false, $"Only live connections can be synced; this one is {connection.State.ToString().ToLowerInvariant()}.");
        }

        var now = clock.GetUtcNow();
        var availability = Availability(connection, await RecentAsync(db, connectionId, cancellationToken), now);
        if (!availability.Allowed)
        {
            return new JobsOutcome(false, availability.Reason!);
        }

        if (await tokens.FindAsync(db, connectionId, cancellationToken) is not { } token)
        {
            return new JobsOutcome(false, "The dashboard holds no access token for this connection, so it cannot ask Finch to sync it.");
        }

        var created = await finch.CreateDataSyncJobAsync(token, cancellationToken);
        if (!created.IsSuccess)
        {
            return await SyncRefusedAsync(db, caller, connection, created.Failure, now, cancellationToken);
        }

        var answer = created.Value;
        var settings = options.Value;
        if (answer.JobId is null)
        {
            // Finch's quota answer without a job: none is left until retry_at.
            var allowedAt = answer.RetryAt ?? now + settings.RefreshWindow;
            connection.HoldSyncsUntil(allowedAt);
            await db.SaveChangesAsync(cancellationToken);
            return new JobsOutcome(false, NoRefreshLeft(answer.AllowedRefreshes, allowedAt), created.RequestId);
        }

        var running = await db.AutomatedJobs.SingleOrDefaultAsync(j => j.ConnectionId == connectionId && j.FinchJobId == answer.JobId, cancellationToken);
        if (running is null)
        {
            db.AutomatedJobs.Add(AutomatedJob.Record(connection, answer.JobId, AutomatedJob.DataSyncAll, now, now, caller.DisplayName));
        }

        if (answer.RemainingRefreshes <= 0)
        {
            // Finch's window is fixed and began at or before now, so it ends at most one window from now.
            connection.HoldSyncsUntil(now + settings.RefreshWindow);
        }

        var what = running is null ? "Finch started a data sync" : "Finch is already running a data sync; it runs one at a time for each connection";
        db.ConnectionEvents.Add(Timeline.Event(connection, now, $"Sync requested by {caller.DisplayName}: {what}", caller.DisplayName));
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.SyncRequested, AuditOutcome.Succeeded, "connection", connectionId.ToString(), connection.EmployerId)
        {
            Detail = $"data_sync_all job {answer.JobId}; {answer.RemainingRefreshes} of {answer.AllowedRefreshes} forced syncs left this hour",
            FinchRequestId = created.RequestId,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sync of connection {ConnectionId} requested: job {JobId} (request {FinchRequestId})", connectionId, answer.JobId, created.RequestId);
        return new JobsOutcome(true, $"{what}. This page shows when it finishes.", created.RequestId);
    }

    /// <summary>What the page and the service agree on: one sync at a time, and none before Finch allows it.</summary>
    public static SyncAvailability Availability(Connection connection, IEnumerable<AutomatedJob> recent, DateTimeOffset now)
    {
        if (recent.FirstOrDefault(j => j.Type == AutomatedJob.DataSyncAll && !j.IsFinished) is { } running)
        {
            return new SyncAvailability(false,
                $"A data sync is already {(running.Status == AutomatedJobStatus.Pending ? "queued" : "in progress")}; Finch runs one at a time for each connection. This page shows when it finishes.");
        }

        return connection.NextSyncAllowedAt is { } allowedAt && allowedAt > now
            ? new SyncAvailability(false, $"Finch allows the next sync of this connection from {Exact(allowedAt)}.", allowedAt)
            : SyncAvailability.Now;
    }

    private async Task<List<AutomatedJob>> RecentAsync(DashboardDbContext db, Guid connectionId, CancellationToken cancellationToken) =>
        await db.AutomatedJobs.AsNoTracking()
            .Where(j => j.ConnectionId == connectionId)
            .OrderByDescending(j => j.CreatedAt)
            .Take(options.Value.ShownOnConnectionPage)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Finch's quota from the job list. With none left, the next sync is due one window after the latest one asked
    /// for; with some left, nothing holds a sync back.
    /// </summary>
    private async Task ApplyQuotaAsync(DashboardDbContext db, Connection connection, int remaining, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = options.Value.RefreshWindow;
        if (remaining > 0)
        {
            if (connection.NextSyncAllowedAt > now)
            {
                connection.HoldSyncsUntil(now);
            }

            return;
        }

        var latestAsked = await db.AutomatedJobs
            .Where(j => j.ConnectionId == connection.Id && j.ScheduledAt == null && j.CreatedAt > now - window)
            .MaxAsync(j => (DateTimeOffset?)j.CreatedAt, cancellationToken);
        if (latestAsked is { } askedAt && !(connection.NextSyncAllowedAt > now))
        {
            connection.HoldSyncsUntil(askedAt + window);
        }
    }

    private async Task<JobsOutcome> SyncRefusedAsync(
        DashboardDbContext db, Caller caller, Connection connection, FinchFailure failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        logger.LogWarning("Sync of connection {ConnectionId} refused by Finch: {Failure} (request {FinchRequestId})", connection.Id, failure.Describe(), failure.RequestId);
        string message;
        switch (failure)
        {
            case FinchFailure.RateLimited limited:
                var allowedAt = now + (limited.RetryAfter ?? options.Value.RefreshWindow);
                connection.HoldSyncsUntil(allowedAt);
                message = limited.RetryAfter is { } wait
                    ? $"Finch refused the sync (429, too many requests) and asks us to wait {Wait(wait)}: the next sync is allowed from {Exact(allowedAt)}."
                    : $"Finch refused the sync (429, too many requests) without saying for how long; the next sync is expected from {Exact(allowedAt)}.";
                break;
            case FinchFailure.ReauthenticationRequired reauth:
                IntrospectionApplier.ApplyReauthenticationRequired(db, connection, reauth, now);
                message = "Finch says the employer must reconnect before Finch can sync; the connection is now marked Re-auth.";
                break;
            default:
                message = FinchFailureMessages.For(failure);
                break;
        }

        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.SyncRequested, AuditOutcome.Failed, "connection", connection.Id.ToString(), connection.EmployerId)
        {
            Detail = $"Finch refused data_sync_all: {failure.Describe()}",
            FinchRequestId = failure.RequestId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new JobsOutcome(false, message, failure.RequestId);
    }

    private static string NoRefreshLeft(int allowed, DateTimeOffset allowedAt) =>
        $"Finch allows {allowed} forced {(allowed == 1 ? "sync" : "syncs")} an hour for each connection and none is left; the next is allowed from {Exact(allowedAt)}.";

    private static string Exact(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Wait(TimeSpan wait) => wait < TimeSpan.FromMinutes(2)
        ? $"{Math.Ceiling(wait.TotalSeconds):0} seconds"
        : $"{Math.Ceiling(wait.TotalMinutes):0} minutes";
}
