using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>What "Refresh from Finch" did, in words for the person who pressed it.</summary>
public sealed record RefreshOutcome(bool Succeeded, string Message, string? FinchRequestId = null);

/// <summary>
/// Reads /introspect for one connection now and stores what Finch says: status, entities (disconnected ones stay as
/// history), authentication methods, products, company and last sync. Only for connections the caller may see.
/// </summary>
public sealed class ConnectionRefresher(
    EmployerData data,
    ConnectionTokens tokens,
    FinchConnectionClient finch,
    CurrentCaller currentCaller,
    OutOfScopeAccess outOfScope,
    TimeProvider clock,
    ILogger<ConnectionRefresher> logger)
{
    public async Task<RefreshOutcome> RefreshAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.RefreshConnection))
        {
            return new RefreshOutcome(false, "Your role cannot refresh connections from Finch.");
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            await outOfScope.ReportConnectionAsync(caller, connectionId, cancellationToken);
            return new RefreshOutcome(false, "There is no such connection, or it belongs to an employer your account cannot see.");
        }

        if (connection.State != ConnectionState.Live)
        {
            return new RefreshOutcome(false, $"Only live connections can be refreshed; this one is {connection.State.ToString().ToLowerInvariant()}.");
        }

        var token = await tokens.FindAsync(db, connectionId, cancellationToken);
        if (token is null)
        {
            return new RefreshOutcome(false, "The dashboard holds no access token for this connection, so it cannot ask Finch about it.");
        }

        var now = clock.GetUtcNow();
        var introspection = await finch.IntrospectAsync(token, cancellationToken);
        if (!introspection.IsSuccess)
        {
            return await RecordFailureAsync(db, connection, introspection.Failure, now, cancellationToken);
        }

        var summary = await IntrospectionApplier.ApplyAsync(db, connection, finch, token, introspection.Value, now, replaceEntities: false, cancellationToken);

        if (summary is not null)
        {
            db.ConnectionEvents.Add(Timeline.Event(connection, now, $"{summary} (refreshed from Finch by {caller.DisplayName})", caller.DisplayName));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Refreshed connection {ConnectionId} from Finch (request {FinchRequestId})", connectionId, introspection.RequestId);
        return new RefreshOutcome(true, summary ?? "Up to date: Finch reports nothing new.", introspection.RequestId);
    }

    private async Task<RefreshOutcome> RecordFailureAsync(
        DashboardDbContext db, Connection connection, FinchFailure failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        logger.LogWarning("Refreshing connection {ConnectionId} failed: {Failure} (request {FinchRequestId})",
            connection.Id, failure.GetType().Name, failure.RequestId);

        if (failure is FinchFailure.ReauthenticationRequired reauth)
        {
            IntrospectionApplier.ApplyReauthenticationRequired(db, connection, reauth, now);
            await db.SaveChangesAsync(cancellationToken);
            return new RefreshOutcome(false, "Finch says the employer must reconnect; the connection is now marked Re-auth.", failure.RequestId);
        }

        return new RefreshOutcome(false, FinchFailureMessages.For(failure), failure.RequestId);
    }
}
