using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>What a disconnect did, in words for the person who asked, with Finch's request id for Finch support.</summary>
public sealed record DisconnectOutcome(bool Succeeded, string Message, string? FinchRequestId = null)
{
    /// <summary>
    /// Finch answered /disconnect with 401: the token was already revoked elsewhere, so the connection can only be
    /// recorded as disconnected here (<see cref="ConnectionDisconnectRequest.RecordIfTokenRevoked"/>).
    /// </summary>
    public bool TokenRevoked { get; init; }

    /// <summary>The database failed before Finch was asked or anything changed (the disconnector reports a failure after Finch acted itself).</summary>
    public static DisconnectOutcome DatabaseUnavailable { get; } =
        new(false, "The database did not answer, so nothing was changed. Try again in a moment.");
}

/// <summary>The full disconnect as the danger zone asks for it: a reason, and the company's name typed out.</summary>
public sealed record ConnectionDisconnectRequest(Guid ConnectionId, string? Reason, string? TypedCompanyName)
{
    /// <summary>
    /// The user has been told Finch refuses the token and chose to record the connection as disconnected anyway; it is
    /// only recorded if Finch refuses the token again now.
    /// </summary>
    public bool RecordIfTokenRevoked { get; init; }
}

/// <summary>
/// Ends connections and removes entities from them through Finch (Finch's "Disconnect Connections" guide): /disconnect-entity for
/// some entities, /disconnect for the whole connection. The database changes only after Finch's 200; failures and refusals leave
/// only an audit record. Only for connections the caller may see, with the permission checked here.
/// </summary>
public sealed class ConnectionDisconnector(
    EmployerData data,
    ConnectionTokens tokens,
    FinchConnectionClient finch,
    CurrentCaller currentCaller,
    AuditTrail audit,
    OutOfScopeAccess outOfScope,
    TimeProvider clock,
    ILogger<ConnectionDisconnector> logger)
{
    public const int ReasonMaxLength = 500;

    /// <summary>What the user types to confirm a full disconnect: the name the connection page shows for the company.</summary>
    public static string ConfirmationName(string? companyName, string? customerName, string employerName) =>
        companyName ?? customerName ?? employerName;

    public async Task<DisconnectOutcome> DisconnectEntitiesAsync(Guid connectionId, IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return await NotFoundAsync(caller, connectionId, cancellationToken);
        }

        if (await RefusalAsync(caller, connection, Permission.DisconnectEntities, AuditAction.EntitiesDisconnected, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var connectionEntities = await db.ConnectionEntities.Where(e => e.ConnectionId == connectionId).ToListAsync(cancellationToken);
        var entities = connectionEntities.Where(e => entityIds.Contains(e.Id)).OrderBy(e => e.Name).ToList();
        if (entityIds.Count == 0 || entities.Count != entityIds.Distinct().Count() || entities.Any(e => !e.IsActive))
        {
            foreach (var foreignId in entityIds.Except(connectionEntities.Select(e => e.Id)))
            {
                await outOfScope.ReportEntityAsync(caller, foreignId, cancellationToken);
            }

            return new DisconnectOutcome(false, "Choose one or more active entities of this connection.");
        }

        var token = await tokens.FindAsync(db, connectionId, cancellationToken);
        if (token is null)
        {
            return new DisconnectOutcome(false, "The dashboard holds no access token for this connection, so it cannot ask Finch to disconnect entities.");
        }

        var names = Names(entities);
        var result = await finch.DisconnectEntitiesAsync(token, [.. entities.Select(e => e.FinchEntityId)], cancellationToken);
        if (!result.IsSuccess)
        {
            return await FailedAsync(caller, connection, AuditAction.EntitiesDisconnected, result.Failure, FinchFailureMessages.For(result.Failure),
                $"Disconnecting {names} failed: {result.Failure.Describe()}", reason: null, cancellationToken);
        }

        // Finch's 200 is the moment to update our records (Finch's "Disconnect Connections" guide); disconnected entities stay as
        // history and are never used for data requests again.
        var now = clock.GetUtcNow();
        connection.DisconnectEntities(entities, connectionEntities, caller.DisplayName, now);
        var left = connection.ActiveEntityCount == 0
            ? "no entity is left, so Finch no longer bills the connection"
            : "the other entities and the token stay, and so does billing";
        db.ConnectionEvents.Add(Timeline.Event(connection, now, $"Disconnected {names} through Finch; {left}", caller.DisplayName));
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.EntitiesDisconnected, AuditOutcome.Succeeded, "connection", connectionId.ToString(), connection.EmployerId)
        {
            Detail = $"Disconnected {names} ({string.Join(", ", entities.Select(e => e.FinchEntityId))})",
            FinchRequestId = result.RequestId,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.SaveFailed(ex))
        {
            return NotRecorded(ex, connection, result.RequestId,
                $"Finch disconnected {names}, but the dashboard could not record it: saving to its database failed. " +
                "Use Refresh from Finch in a moment to bring this page up to date.");
        }

        logger.LogInformation("Disconnected {EntityCount} entities of connection {ConnectionId} (request {FinchRequestId})", entities.Count, connectionId, result.RequestId);

        var billing = connection.ActiveEntityCount == 0
            ? " No entity is left, so Finch no longer bills this connection."
            : " Finch keeps billing the connection for its other entities.";
        return new DisconnectOutcome(true, $"Disconnected {names}.{billing}", result.RequestId);
    }

    public async Task<DisconnectOutcome> DisconnectAsync(ConnectionDisconnectRequest request, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == request.ConnectionId, cancellationToken);
        if (connection is null)
        {
            return await NotFoundAsync(caller, request.ConnectionId, cancellationToken);
        }

        if (await RefusalAsync(caller, connection, Permission.DisconnectConnection, AuditAction.ConnectionDisconnected, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ReasonMaxLength)
        {
            return new DisconnectOutcome(false, $"Say why the connection is being disconnected (at most {ReasonMaxLength} characters).");
        }

        var employerName = await db.Employers.Where(e => e.Id == connection.EmployerId).Select(e => e.Name).SingleAsync(cancellationToken);
        var expectedName = ConfirmationName(connection.CompanyName, connection.CustomerName, employerName);
        if (!string.Equals(request.TypedCompanyName?.Trim(), expectedName, StringComparison.Ordinal))
        {
            return new DisconnectOutcome(false, $"Type the company name exactly as shown, \"{expectedName}\", to confirm.");
        }

        var token = await tokens.FindAsync(db, connection.Id, cancellationToken);
        if (token is null)
        {
            return new DisconnectOutcome(false, "The dashboard holds no access token for this connection, so it cannot ask Finch to disconnect it.");
        }

        // /disconnect needs the token: call it first, discard the token only after Finch's answer (Finch's "Disconnect
        // Connections" guide).
        var result = await finch.DisconnectAsync(token, cancellationToken);
        var alreadyRevoked = result.Failure is FinchFailure.Unauthorized;
        if (!result.IsSuccess && !(alreadyRevoked && request.RecordIfTokenRevoked))
        {
            if (!alreadyRevoked)
            {
                return await FailedAsync(caller, connection, AuditAction.ConnectionDisconnected, result.Failure, UncertainFailureMessage(result.Failure),
                    $"/disconnect failed: {result.Failure.Describe()}", reason, cancellationToken);
            }

            // A revoked token can never call /disconnect again, and Finch revokes tokens when a connection is disconnected;
            // still, a 401 might be our own misconfiguration, so the user decides, never this code alone.
            var refused = await FailedAsync(caller, connection, AuditAction.ConnectionDisconnected, result.Failure,
                "Finch no longer accepts this connection's access token, so it was most likely disconnected already (from Finch's dashboard " +
                "or by an earlier attempt that did not get its answer back). Nothing was changed here. If you are sure, record it as " +
                "disconnected in the dashboard only.",
                $"/disconnect refused the token: {result.Failure.Describe()}", reason, cancellationToken);
            return refused with { TokenRevoked = true };
        }

        var now = clock.GetUtcNow();
        var entities = await db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        connection.Disconnect(caller.DisplayName, reason, now, entities);
        foreach (var method in await db.ConnectionAuthenticationMethods.Where(m => m.ConnectionId == connection.Id).ToListAsync(cancellationToken))
        {
            method.Disconnect();
        }

        var what = alreadyRevoked
            ? "Recorded as disconnected: Finch had already revoked the access token"
            : "Disconnected through Finch: every token revoked, billing stops";
        db.ConnectionEvents.Add(Timeline.Event(connection, now, $"{what}. Reason: {reason}", caller.DisplayName));
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.ConnectionDisconnected, AuditOutcome.Succeeded, "connection", connection.Id.ToString(), connection.EmployerId)
        {
            Reason = reason,
            Detail = alreadyRevoked ? "Recorded in the dashboard only: /disconnect answered 401, the token was already revoked" : "Disconnected through /disconnect",
            FinchRequestId = result.RequestId,
        });

        // The token row goes in the same transaction as the rest, so no Disconnected connection keeps a token and no
        // Live one loses it.
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await tokens.DiscardAsync(db, connection.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.SaveFailed(ex))
        {
            return NotRecorded(ex, connection, result.RequestId, alreadyRevoked
                ? "The dashboard could not record the connection as disconnected: saving to its database failed. Nothing was changed; try again in a moment."
                : "Finch disconnected the connection and revoked its tokens, but the dashboard could not record it: saving to its database failed. " +
                  "Try again in a moment: Finch will refuse the revoked token, and you can then record the connection as disconnected here.");
        }

        logger.LogInformation("Disconnected connection {ConnectionId} (request {FinchRequestId}, token already revoked: {AlreadyRevoked})",
            connection.Id, result.RequestId, alreadyRevoked);

        return new DisconnectOutcome(true, alreadyRevoked
            ? "Recorded as disconnected. Finch had already revoked the access token; the dashboard no longer keeps it."
            : "Disconnected. Finch revoked the connection's tokens and stops billing it; a new Connect link is needed to connect again.",
            result.RequestId);
    }

    private async Task<DisconnectOutcome> NotFoundAsync(Caller caller, Guid connectionId, CancellationToken cancellationToken)
    {
        await outOfScope.ReportConnectionAsync(caller, connectionId, cancellationToken);
        return new DisconnectOutcome(false, "There is no such connection, or it belongs to an employer your account cannot see.");
    }

    private async Task<DisconnectOutcome?> RefusalAsync(Caller caller, Connection connection, Permission permission, AuditAction action, CancellationToken cancellationToken)
    {
        if (!caller.Can(permission))
        {
            await audit.DeniedAsync(caller, permission, action, "connection", connection.Id.ToString(), connection.EmployerId, cancellationToken);
            return new DisconnectOutcome(false, "Your role cannot do this; ask an admin or the employer's account manager.");
        }

        return connection.State == ConnectionState.Live
            ? null
            : new DisconnectOutcome(false, $"Only live connections can be disconnected; this one is {connection.State.ToString().ToLowerInvariant()}.");
    }

    private async Task<DisconnectOutcome> FailedAsync(
        Caller caller, Connection connection, AuditAction action, FinchFailure failure, string message, string detail, string? reason, CancellationToken cancellationToken)
    {
        logger.LogWarning("{Action} on connection {ConnectionId} failed: {Failure} (request {FinchRequestId})",
            action, connection.Id, failure.GetType().Name, failure.RequestId);
        await audit.WriteAsync(AuditActor.Of(caller), new AuditEntry(action, AuditOutcome.Failed, "connection", connection.Id.ToString(), connection.EmployerId)
        {
            Reason = reason,
            Detail = detail,
            FinchRequestId = failure.RequestId,
        }, cancellationToken);
        return new DisconnectOutcome(false, message, failure.RequestId);
    }

    // Finch has acted by now, so a failed save must not read as "nothing happened"; there is no audit record either,
    // the database being what failed, so the log line is the trace.
    private DisconnectOutcome NotRecorded(Exception exception, Connection connection, string? finchRequestId, string message)
    {
        logger.LogError(exception, "Finch acted on connection {ConnectionId} (request {FinchRequestId}) but recording it failed", connection.Id, finchRequestId);
        return new DisconnectOutcome(false, message, finchRequestId);
    }

    // /disconnect is not retried after a 5xx or a timeout because Finch may have acted; say so rather than "nothing happened".
    private static string UncertainFailureMessage(FinchFailure failure) =>
        failure is FinchFailure.ServerError or FinchFailure.TimedOut
            ? "Finch failed or did not answer in time, so nothing was changed here. Finch may still have disconnected it: try again; " +
              "if Finch then refuses the token, the connection was disconnected."
            : FinchFailureMessages.For(failure);

    private static string Names(IReadOnlyList<ConnectionEntity> entities)
    {
        const int shown = 5;
        var names = entities.Take(shown).Select(e => e.Name ?? e.FinchEntityId).ToList();
        if (entities.Count > shown)
        {
            names.Add($"{entities.Count - shown} more");
        }

        return entities.Count == 1 ? names[0] : $"{entities.Count} entities ({string.Join(", ", names)})";
    }
}
