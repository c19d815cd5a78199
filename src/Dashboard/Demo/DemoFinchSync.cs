using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Finch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Demo;

/// <summary>
/// Demo mode's live connections also exist in Finch's sandbox (our emulator by default), so "Refresh from Finch"
/// and the actions work on them. The emulator keeps its state in memory, so after each start any demo connection
/// whose token Finch no longer knows is created again through Finch's sandbox endpoints, given its demo status and
/// extra entities, and then read back through /introspect. Runs in the background: a missing emulator only costs a
/// warning, never the dashboard's start.
/// </summary>
public sealed class DemoFinchSync(
    IServiceScopeFactory scopes,
    UnmatchedWebhooks unmatchedWebhooks,
    IOptions<FinchEnvironmentOptions> environment,
    TimeProvider clock,
    ILogger<DemoFinchSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (environment.Value.Environment != FinchEnvironment.Sandbox)
        {
            logger.LogInformation("Demo connections are not created in Finch outside the sandbox environment");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tokens = services.GetRequiredService<ConnectionTokens>();
        var connect = services.GetRequiredService<FinchConnectClient>();
        var finch = services.GetRequiredService<FinchConnectionClient>();
        await using var db = await services.GetRequiredService<SystemData>().OpenAsync(stoppingToken);

        var live = await db.Connections.Where(c => c.State == ConnectionState.Live && c.ProviderId != null)
            .OrderBy(c => c.CreatedAt).ToListAsync(stoppingToken);
        var created = 0;
        foreach (var connection in live)
        {
            var outcome = await SyncAsync(db, connection, tokens, connect, finch, stoppingToken);
            if (outcome == Outcome.FinchUnreachable)
            {
                logger.LogWarning("Finch is not reachable; demo connections keep their sample data and cannot be refreshed");
                return;
            }

            created += outcome == Outcome.Created ? 1 : 0;
        }

        logger.LogInformation("Demo connections in Finch's sandbox: {Created} created, {Existing} already there", created, live.Count - created);
    }

    private enum Outcome { AlreadyThere, Created, Skipped, FinchUnreachable }

    private async Task<Outcome> SyncAsync(
        DashboardDbContext db, Connection connection, ConnectionTokens tokens, FinchConnectClient connect, FinchConnectionClient finch,
        CancellationToken cancellationToken)
    {
        if (await tokens.FindAsync(db, connection.Id, cancellationToken) is { } existingToken)
        {
            var probe = await finch.IntrospectAsync(existingToken, cancellationToken);
            if (Unreachable(probe.Failure))
            {
                return Outcome.FinchUnreachable;
            }

            if (probe.Failure is not FinchFailure.Unauthorized)
            {
                return Outcome.AlreadyThere;
            }
        }

        var methods = await db.ConnectionAuthenticationMethods.Where(m => m.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        // An automated method where the provider has one: assisted connections start out pending in Finch.
        var authenticationType = methods.OrderBy(m => m.Type == AuthenticationMethodType.Assisted).Select(m => m.Type.WireName()).FirstOrDefault();
        var sandbox = await connect.CreateSandboxConnectionAsync(
            new FinchSandboxConnectionRequest(connection.ProviderId!, authenticationType, connection.Products), cancellationToken);
        if (!sandbox.IsSuccess)
        {
            if (Unreachable(sandbox.Failure))
            {
                return Outcome.FinchUnreachable;
            }

            logger.LogWarning("Finch's sandbox refused demo connection {ConnectionId}: {Reason}", connection.Id, sandbox.Failure.Describe());
            return Outcome.Skipped;
        }

        var token = sandbox.Value.AccessToken;
        var entities = await db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync(cancellationToken);
        for (var extra = 1; extra < entities.Count(e => e.IsActive); extra++)
        {
            await connect.AddSandboxAccountAsync(
                new FinchSandboxAccountRequest(sandbox.Value.CompanyId, sandbox.Value.ProviderId, authenticationType, connection.Products), cancellationToken);
        }

        var demoStatus = connection.Status;
        if (demoStatus != ConnectionStatus.Connected)
        {
            await finch.SetSandboxConnectionStatusAsync(token, demoStatus.WireName(), cancellationToken);
        }

        await tokens.StoreAsync(db, connection.Id, connection.EmployerId, token, cancellationToken);
        var introspection = await finch.IntrospectAsync(token, cancellationToken);
        if (introspection.IsSuccess)
        {
            // The sample rows are replaced by what Finch now reports, so the two sides agree from here on.
            await IntrospectionApplier.ApplyAsync(db, connection, finch, token, introspection.Value, clock.GetUtcNow(), replaceEntities: true, cancellationToken);
        }
        else
        {
            connection.AttachFinchConnection(sandbox.Value.ConnectionId, sandbox.Value.CompanyId);
        }

        await db.SaveChangesAsync(cancellationToken);
        // Finch announced the sandbox connection before we stored its id.
        await unmatchedWebhooks.RequeueForAsync(db, sandbox.Value.ConnectionId, cancellationToken);
        return Outcome.Created;
    }

    private static bool Unreachable(FinchFailure? failure) => failure is FinchFailure.Unreachable or FinchFailure.TimedOut;
}
