using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Health;

/// <summary>What one pass did. <see cref="LastCheckStartedAt"/> is null when it called Finch for nobody.</summary>
public sealed record HealthCheckPass(
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int Due, int Checked, int Failed, TimeSpan Spacing, DateTimeOffset? LastCheckStartedAt);

/// <summary>This instance's last pass, the one under way if any, and when it starts the next one; null until known.</summary>
public sealed record HealthCheckRun(HealthCheckPass? LastPass, DateTimeOffset? RunningSince, DateTimeOffset? NextPassAt);

/// <summary>
/// Calls /introspect for every live connection on a cadence (Finch's "Mitigate Errors" guide: health checks find broken
/// connections before their employers do), spreading the calls over the interval and never faster than the configured
/// rate. A success is applied like "Refresh from Finch"; a failure is recorded by kind and counted on the connection.
/// </summary>
/// <remarks>
/// Each check first claims its connection with a conditional UPDATE of HealthCheckedAt ("still live and not checked
/// within half an interval"), so two instances never check one connection at once and the second simply moves on.
/// A row lock (FOR UPDATE SKIP LOCKED) would do the same but hold a transaction open across a Finch call that may take
/// minutes; the claim commits at once. The rate is per instance.
/// </remarks>
public sealed partial class ConnectionHealthMonitor(
    IServiceScopeFactory scopes,
    IOptions<HealthCheckOptions> options,
    TimeProvider clock,
    DashboardMetrics metrics,
    ILogger<ConnectionHealthMonitor> logger) : BackgroundService
{
    /// <summary>The timeline's actor for what a health check found.</summary>
    public const string Actor = "Health check";

    private HealthCheckRun _run = new(null, null, null);

    public HealthCheckRun Run => Volatile.Read(ref _run);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var nextPassAt = clock.GetUtcNow() + settings.FirstPassDelay;
        while (true)
        {
            // Also clears a pass the database cut short.
            Volatile.Write(ref _run, _run with { RunningSince = null, NextPassAt = nextPassAt });
            await WaitUntilAsync(nextPassAt, stoppingToken);
            try
            {
                var pass = await RunPassAsync(stoppingToken);
                nextPassAt = pass.LastCheckStartedAt is { } lastCheck
                    ? HealthCheckPacing.NextPassAt(pass.StartedAt, settings.Interval, lastCheck, pass.Spacing)
                    : pass.StartedAt + settings.Interval;
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                // A database outage is not the connections' fault: try again soon rather than a whole interval later.
                var retryIn = settings.Interval < HealthCheckPacing.RateLimitWindow ? settings.Interval : HealthCheckPacing.RateLimitWindow;
                LogDatabaseUnavailable(logger, ex, retryIn);
                nextPassAt = clock.GetUtcNow() + retryIn;
            }
        }
    }

    /// <summary>Checks every live connection that is due, paced as configured, and returns what it did.</summary>
    public async Task<HealthCheckPass> RunPassAsync(CancellationToken cancellationToken = default)
    {
        using var activity = DashboardMetrics.Tracing.StartActivity("Health-check pass");
        var settings = options.Value;
        var startedAt = clock.GetUtcNow();
        Volatile.Write(ref _run, _run with { RunningSince = startedAt });
        var due = await DueConnectionsAsync(HealthCheckPacing.DueBefore(startedAt, settings.Interval), cancellationToken);
        var spacing = HealthCheckPacing.Spacing(due.Count, settings.Interval, settings.MaxRequestsPerMinute);
        LogPassStarting(logger, due.Count, spacing);

        DateTimeOffset? lastCheckStartedAt = null;
        DateTimeOffset? backedOffUntil = null;
        int checkedCount = 0, failedCount = 0;
        foreach (var connectionId in due)
        {
            if (lastCheckStartedAt is { } previous)
            {
                await WaitUntilAsync(HealthCheckPacing.NextCheckAt(previous, spacing, backedOffUntil), cancellationToken);
            }

            var startedCheckAt = clock.GetUtcNow();
            CheckOutcome outcome;
            try
            {
                outcome = await CheckAsync(connectionId, settings.Interval, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !DatabaseErrors.IsUnavailable(ex))
            {
                // One unreadable row (e.g. a token sealed with a retired key) must not stop the others' checks.
                LogCheckCrashed(logger, ex, connectionId);
                lastCheckStartedAt = startedCheckAt;
                failedCount++;
                continue;
            }

            if (outcome is CheckOutcome.NotDue)
            {
                continue;
            }

            checkedCount++;
            failedCount += outcome is CheckOutcome.Succeeded ? 0 : 1;
            if (outcome is not CheckOutcome.NoAccessToken)
            {
                lastCheckStartedAt = startedCheckAt;
            }

            if (outcome is CheckOutcome.Failed { Failure: FinchFailure.RateLimited limited })
            {
                var wait = HealthCheckPacing.BackOff(limited.RetryAfter);
                backedOffUntil = clock.GetUtcNow() + wait;
                LogBackingOff(logger, wait, limited.RequestId);
            }
        }

        var pass = new HealthCheckPass(startedAt, clock.GetUtcNow(), due.Count, checkedCount, failedCount, spacing, lastCheckStartedAt);
        Volatile.Write(ref _run, _run with { LastPass = pass, RunningSince = null });
        LogPassFinished(logger, checkedCount, failedCount, pass.FinishedAt - pass.StartedAt);
        return pass;
    }

    private abstract record CheckOutcome
    {
        public sealed record NotDue : CheckOutcome;

        public sealed record NoAccessToken : CheckOutcome;

        public sealed record Succeeded : CheckOutcome;

        public sealed record Failed(FinchFailure Failure) : CheckOutcome;
    }

    /// <summary>Live connections not checked since <paramref name="dueBefore"/>, the longest unchecked first.</summary>
    private async Task<List<Guid>> DueConnectionsAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        return await db.Connections.AsNoTracking()
            .Where(c => c.State == ConnectionState.Live && (c.HealthCheckedAt == null || c.HealthCheckedAt < dueBefore))
            .OrderBy(c => c.HealthCheckedAt.HasValue).ThenBy(c => c.HealthCheckedAt).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>One connection, in its own short-lived context: claim it, ask Finch, store what Finch said.</summary>
    private async Task<CheckOutcome> CheckAsync(Guid connectionId, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<SystemData>().OpenAsync(cancellationToken);
        var claimedAt = clock.GetUtcNow();
        var dueBefore = HealthCheckPacing.DueBefore(claimedAt, interval);
        // Only HealthCheckedAt moves here, which nobody watches live; the outcome below is saved (and announced) normally.
        var claimed = await db.Connections
            .Where(c => c.Id == connectionId && c.State == ConnectionState.Live && (c.HealthCheckedAt == null || c.HealthCheckedAt < dueBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.HealthCheckedAt, claimedAt), cancellationToken);
        if (claimed == 0)
        {
            return new CheckOutcome.NotDue();
        }

        var connection = await db.Connections.SingleAsync(c => c.Id == connectionId, cancellationToken);
        var token = await services.GetRequiredService<ConnectionTokens>().FindAsync(db, connectionId, cancellationToken);
        if (token is null)
        {
            RecordFailure(db, connection, HealthCheckFailureKind.NoAccessToken, HealthCheckFailures.NoAccessTokenMessage, null, claimedAt);
            await db.SaveChangesAsync(cancellationToken);
            return new CheckOutcome.NoAccessToken();
        }

        var finch = services.GetRequiredService<FinchConnectionClient>();
        var introspection = await finch.IntrospectAsync(token, cancellationToken);
        var checkedAt = clock.GetUtcNow();
        if (!introspection.IsSuccess)
        {
            var failure = introspection.Failure;
            if (failure is FinchFailure.ReauthenticationRequired reauth)
            {
                IntrospectionApplier.ApplyReauthenticationRequired(db, connection, reauth, checkedAt);
            }

            RecordFailure(db, connection, HealthCheckFailures.KindOf(failure), HealthCheckFailures.MessageOf(failure), failure.RequestId, checkedAt);
            await db.SaveChangesAsync(cancellationToken);
            return new CheckOutcome.Failed(failure);
        }

        var summary = await IntrospectionApplier.ApplyAsync(db, connection, finch, token, introspection.Value, checkedAt, replaceEntities: false, cancellationToken);
        if (summary is not null)
        {
            db.ConnectionEvents.Add(Timeline.Event(connection, checkedAt, summary, Actor));
        }

        connection.RecordHealthCheckSucceeded(checkedAt);
        await db.SaveChangesAsync(cancellationToken);
        return new CheckOutcome.Succeeded();
    }

    private void RecordFailure(
        DashboardDbContext db, Connection connection, HealthCheckFailureKind kind, string message, string? finchRequestId, DateTimeOffset at)
    {
        db.HealthCheckFailures.Add(new HealthCheckFailure
        {
            Id = Guid.CreateVersion7(at),
            ConnectionId = connection.Id,
            EmployerId = connection.EmployerId,
            OccurredAt = at,
            Kind = kind,
            Message = message,
            FinchRequestId = finchRequestId,
        });
        connection.RecordHealthCheckFailed(kind, message, at);
        metrics.HealthCheckFailed(kind);
        LogCheckFailed(logger, connection.Id, kind, connection.HealthFailureCount, finchRequestId);
    }

    private async Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection health checks are disabled (HealthChecks:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check pass: {Due} connections due, one every {Spacing}")]
    private static partial void LogPassStarting(ILogger logger, int due, TimeSpan spacing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check pass finished: {Checked} checked, {Failed} failed, in {Duration}")]
    private static partial void LogPassFinished(ILogger logger, int @checked, int failed, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Health check of connection {ConnectionId} failed: {Kind}, {FailuresInARow} in a row (Finch-Request-Id {FinchRequestId})")]
    private static partial void LogCheckFailed(ILogger logger, Guid connectionId, HealthCheckFailureKind kind, int failuresInARow, string? finchRequestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check of connection {ConnectionId} could not be completed")]
    private static partial void LogCheckCrashed(ILogger logger, Exception exception, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finch is rate limiting us; health checks wait {Wait} (Finch-Request-Id {FinchRequestId})")]
    private static partial void LogBackingOff(ILogger logger, TimeSpan wait, string? finchRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check pass stopped: the database is not answering; trying again in {RetryIn}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, TimeSpan retryIn);
}
