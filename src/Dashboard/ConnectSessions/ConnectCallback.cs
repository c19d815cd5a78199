using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Finch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.ConnectSessions;

/// <summary>How a Connect redirect ended; the result page words each one for the employer.</summary>
public enum ConnectOutcome
{
    Connected,
    Reauthenticated,
    Declined,
    Expired,
    WrongConnection,
    /// <summary>Finch made the connection in another environment than the dashboard's (Finch:Environment); nothing stored.</summary>
    WrongEnvironment,
    /// <summary>The connection a reauthentication link was for was disconnected meanwhile; nothing stored.</summary>
    Disconnected,
    Invalid,
    Failed,
}

/// <summary>
/// GET /finch/callback: where Finch Connect sends the employer's browser with code and state. The employer is
/// usually not a dashboard user, so the state (issued by <see cref="ConnectLinks"/>, single use) is what authorises the
/// request. The code is exchanged server-side, the token sealed, /introspect read, and a Staged row becomes Live (or
/// a reauthenticated connection gets its new token). Neither code nor token is ever logged.
/// </summary>
public sealed class ConnectCallback(
    SystemData systemData,
    FinchConnectClient connect,
    FinchConnectionClient finch,
    ConnectionTokens tokens,
    UnmatchedWebhooks unmatchedWebhooks,
    IOptions<FinchEnvironmentOptions> environment,
    TimeProvider clock,
    ILogger<ConnectCallback> logger)
{
    public async Task<ConnectOutcome> CompleteAsync(string? code, string? state, string? error, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state))
        {
            logger.LogWarning("Connect callback without state refused");
            return ConnectOutcome.Invalid;
        }

        var now = clock.GetUtcNow();
        var stateHash = ConnectLinks.HashState(state);
        await using var db = await systemData.OpenAsync(cancellationToken);
        var session = await db.ConnectSessions.SingleOrDefaultAsync(s => s.StateHash == stateHash, cancellationToken);
        if (session is null || session.CompletedAt is not null)
        {
            logger.LogWarning("Connect callback with an unknown or already used state refused");
            return ConnectOutcome.Invalid;
        }

        var connection = await db.Connections.SingleAsync(c => c.Id == session.ConnectionId, cancellationToken);
        if (session.IsExpired(now))
        {
            if (session.Kind == ConnectSessionKind.NewConnection)
            {
                connection.RecordSessionProgress(ConnectSessionProgress.Expired);
            }

            await db.SaveChangesAsync(cancellationToken);
            return ConnectOutcome.Expired;
        }

        if (error is not null || string.IsNullOrEmpty(code))
        {
            db.ConnectionEvents.Add(Timeline.Event(connection, now, "The employer left Finch Connect without connecting", "Employer"));
            await db.SaveChangesAsync(cancellationToken);
            return ConnectOutcome.Declined;
        }

        if (session.Kind == ConnectSessionKind.Reauthentication && connection.State == ConnectionState.Disconnected)
        {
            // Disconnected while the link was out. Finch never reactivates a disconnected connection, so the code is not
            // even exchanged: a token for it would read nothing, and the connection must not look live again.
            logger.LogWarning("Reauthentication session {SessionId} completed for connection {ConnectionId}, which was disconnected meanwhile; refused",
                session.Id, connection.Id);
            db.ConnectionEvents.Add(Timeline.Event(connection, now,
                "Reauthentication refused: the connection was disconnected after the link was sent, and nothing was stored", "Employer"));
            await db.SaveChangesAsync(cancellationToken);
            return ConnectOutcome.Disconnected;
        }

        var exchange = await connect.ExchangeCodeAsync(code, session.RedirectUri, cancellationToken);
        if (!exchange.IsSuccess)
        {
            logger.LogWarning("Exchanging a Connect code for session {SessionId} failed: {Failure} (request {FinchRequestId})",
                session.Id, exchange.Failure.GetType().Name, exchange.RequestId);
            return ConnectOutcome.Failed;
        }

        var token = exchange.Value;
        if (session.Kind == ConnectSessionKind.Reauthentication && token.ConnectionId != connection.FinchConnectionId)
        {
            // Signing in to another company or provider makes Finch issue a token for a different connection; storing
            // it here would swap one employer's data source for another. The link stays usable for the right account.
            logger.LogWarning("Reauthentication session {SessionId} returned connection {FinchConnectionId}, not the one it was made for; refused",
                session.Id, token.ConnectionId);
            db.ConnectionEvents.Add(Timeline.Event(connection, now,
                "Reauthentication refused: the employer signed in to a different company or payroll system than this connection's", "Employer"));
            await db.SaveChangesAsync(cancellationToken);
            return ConnectOutcome.WrongConnection;
        }

        var introspection = await finch.IntrospectAsync(token.AccessToken, cancellationToken);
        var configured = environment.Value.Environment;
        // Finch's "Environments" page: connections never move between environments, and a Production one is billable.
        // A token from another environment than the one this dashboard is configured for means the credentials and
        // the setting disagree; storing it would file the connection under the wrong environment, so it is refused.
        var reported = FinchEnvironments.FromClientType(introspection.IsSuccess ? introspection.Value.ClientType : token.ClientType);
        if (reported != configured)
        {
            var reportedName = reported?.ToString() ?? $"an unknown environment (client_type \"{token.ClientType}\")";
            logger.LogError("Connect session {SessionId} returned connection {FinchConnectionId} from {Reported}, but Finch:Environment is {Configured}; refused",
                session.Id, token.ConnectionId, reportedName, configured);
            db.ConnectionEvents.Add(Timeline.Event(connection, now,
                $"Connect refused: Finch made this connection in {reportedName}, but this dashboard works in {configured}. Nothing was stored; " +
                "check that Finch:Environment matches the client id and secret the dashboard is configured with.", "Employer"));
            await db.SaveChangesAsync(cancellationToken);
            return ConnectOutcome.WrongEnvironment;
        }

        session.Complete(now);
        var target = session.Kind == ConnectSessionKind.Reauthentication
            ? connection
            : await LiveConnectionForAsync(db, connection, token, now, cancellationToken);
        if (target is null)
        {
            logger.LogError("Connect session {SessionId} returned connection {FinchConnectionId}, which another employer holds or we hold as disconnected; not attached",
                session.Id, token.ConnectionId);
            return ConnectOutcome.Failed;
        }

        await tokens.StoreAsync(db, target.Id, target.EmployerId, token.AccessToken, cancellationToken);
        await ApplyIntrospectionAsync(db, target, token, introspection, now, cancellationToken);
        db.ConnectionEvents.Add(Timeline.Event(target, now, session.Kind == ConnectSessionKind.Reauthentication
            ? "Reauthenticated through Finch Connect: the new access token replaced the old one"
            : $"Connected through {target.ProviderName ?? target.ProviderId}", "Employer"));
        await db.SaveChangesAsync(cancellationToken);
        if (session.Kind == ConnectSessionKind.NewConnection)
        {
            await unmatchedWebhooks.RequeueForAsync(db, token.ConnectionId, cancellationToken);
        }

        logger.LogInformation("Connect session {SessionId} completed for connection {ConnectionId} (request {FinchRequestId})",
            session.Id, target.Id, exchange.RequestId);
        return session.Kind == ConnectSessionKind.Reauthentication ? ConnectOutcome.Reauthenticated : ConnectOutcome.Connected;
    }

    /// <summary>
    /// The Staged row becomes Live, unless Finch returned a connection we already hold: a second account through the
    /// same company and provider joins that connection (Finch's "Manage Connections" guide), and the Staged row goes. A
    /// connection held for another employer is never joined (null): tokens must not cross employers. Nor is one we hold
    /// as disconnected, which Finch never reactivates (a new Connect makes a new connection), so it should not return it.
    /// </summary>
    private static async Task<Connection?> LiveConnectionForAsync(
        DashboardDbContext db, Connection staged, FinchTokenResponse token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.Connections.SingleOrDefaultAsync(
            c => c.FinchConnectionId == token.ConnectionId && c.Id != staged.Id, cancellationToken);
        if (existing is not null)
        {
            if (existing.EmployerId != staged.EmployerId || existing.State == ConnectionState.Disconnected)
            {
                return null;
            }

            db.Connections.Remove(staged);
            return existing;
        }

        staged.CompleteConnectSession(token.ConnectionId, token.CompanyId, token.ProviderId, token.Products, now);
        return staged;
    }

    private async Task ApplyIntrospectionAsync(
        DashboardDbContext db, Connection connection, FinchTokenResponse token, FinchResult<FinchIntrospection> introspection, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!introspection.IsSuccess)
        {
            // The token is stored; "Refresh from Finch" or the health check fills the rest in later.
            logger.LogWarning("Introspect after Connect failed for connection {ConnectionId} (request {FinchRequestId})",
                connection.Id, introspection.RequestId);
            return;
        }

        if (connection.ProviderName is null)
        {
            connection.NameProvider(await ProviderNameAsync(token.ProviderId, cancellationToken));
        }

        await IntrospectionApplier.ApplyAsync(db, connection, finch, token.AccessToken, introspection.Value, now, replaceEntities: false, cancellationToken);
    }

    private async Task<string?> ProviderNameAsync(string providerId, CancellationToken cancellationToken)
    {
        var providers = await connect.ListProvidersAsync(cancellationToken);
        return providers.IsSuccess ? providers.Value.FirstOrDefault(p => p.Id == providerId)?.DisplayName : null;
    }
}

public static class ConnectCallbackEndpoint
{
    public const string Path = "/finch/callback";

    public static IEndpointConventionBuilder MapConnectCallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (HttpContext context, ConnectCallback callback, ILogger<ConnectCallback> logger) =>
        {
            using var activity = DashboardMetrics.Tracing.StartActivity("Connect callback");
            var query = context.Request.Query;
            ConnectOutcome outcome;
            try
            {
                outcome = await callback.CompleteAsync(query["code"], query["state"], query["error"], context.RequestAborted);
            }
            catch (Exception ex) when (DatabaseErrors.SaveFailed(ex))
            {
                // The employer is not a dashboard user: a page that says what to do, never an error page.
                logger.LogError(ex, "Completing a Connect session failed in the database; nothing was saved");
                outcome = ConnectOutcome.Failed;
            }

            activity?.SetTag("connect.outcome", outcome.ToString());
            return TypedResults.LocalRedirect($"~/connect/done?outcome={outcome.ToString().ToLowerInvariant()}");
        }).AllowAnonymous().RequireRateLimiting(Throttles.ConnectCallback);
}
