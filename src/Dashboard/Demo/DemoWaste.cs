using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;

namespace FinchDashboard.Dashboard.Demo;

/// <summary>
/// One named connection for each reason of the billable waste page, so the demo shows every one: a duplicate, a test
/// connection, a disconnect Finch refused, a connection with every entity removed, and one that stopped syncing.
/// </summary>
public static class DemoWaste
{
    public const string OlderDuplicate = "Initech Payroll (replaced)";
    public const string NewerDuplicate = "Initech Payroll";
    public const string TestConnection = "Umbrella Test Company";
    public const string DisconnectedHereOnly = "Stark Old Payroll";
    public const string NothingLeftToSync = "Wayne Resorts";
    public const string StalledConnection = "Acme Warehouse";

    /// <param name="employers">The demo employers, by customer id.</param>
    public static (IReadOnlyList<SampleConnection> Connections, IReadOnlyList<AuditRecord> AuditRecords) Generate(
        IReadOnlyDictionary<string, Employer> employers, DateTimeOffset now)
    {
        var initech = employers["initech-software"];
        var olderDuplicate = Live(initech, "rippling", "Rippling", OlderDuplicate, now.AddDays(-400), now.AddHours(-6), entities: 1);
        var newerDuplicate = Live(initech, "rippling", "Rippling", NewerDuplicate, now.AddDays(-20), now.AddHours(-5), entities: 1);
        var test = Live(employers["umbrella-health"], "bamboo_hr", "BambooHR", TestConnection, now.AddDays(-60), now.AddHours(-3), entities: 1);
        var stalled = Live(employers["acme-manufacturing"], "justworks", "Justworks", StalledConnection, now.AddDays(-300), now.AddDays(-45), entities: 1,
            status: ConnectionStatus.Reauth, statusMessage: "The employer changed their password; re-authentication is required.");

        var wayne = employers["wayne-hospitality"];
        var emptied = Live(wayne, "adp_workforce_now", "ADP Workforce Now", NothingLeftToSync, now.AddDays(-500), now.AddDays(-10), entities: 2);
        var removedAt = now.AddDays(-9);
        emptied.Connection.DisconnectEntities([.. emptied.Entities], emptied.Entities, "Ada Admin", removedAt);
        var emptiedEvents = emptied.Events.Append(Timeline.Event(emptied.Connection, removedAt,
            "Disconnected every entity through Finch; no entity is left, so Finch no longer bills the connection", "Ada Admin")).ToList();

        // Finch refused the token when asked to disconnect, and the admin then recorded it as disconnected here only.
        var stark = employers["stark-logistics"];
        var refused = Live(stark, "paylocity", "Paylocity", DisconnectedHereOnly, now.AddDays(-250), now.AddDays(-40), entities: 1);
        var refusedAt = now.AddDays(-3);
        var reason = "The employer moved payroll in-house";
        refused.Connection.Disconnect("Ada Admin", reason, refusedAt, refused.Entities);
        var refusedEvents = refused.Events.Append(Timeline.Event(refused.Connection, refusedAt,
            $"Recorded as disconnected: Finch had already revoked the access token. Reason: {reason}", "Ada Admin")).ToList();
        var failedDisconnect = new AuditRecord
        {
            Id = Guid.CreateVersion7(refusedAt),
            OccurredAt = refusedAt.AddMinutes(-1),
            ActorName = "Ada Admin",
            Action = AuditAction.ConnectionDisconnected,
            EmployerId = stark.Id,
            TargetType = "connection",
            TargetId = refused.Connection.Id.ToString(),
            Reason = reason,
            Outcome = AuditOutcome.Failed,
            Detail = "/disconnect refused the token: 401 invalid_token",
        };

        return (
            [olderDuplicate, newerDuplicate, test, stalled, emptied with { Events = emptiedEvents }, refused with { Events = refusedEvents }],
            [failedDisconnect]);
    }

    private static SampleConnection Live(
        Employer employer, string providerId, string providerName, string companyName, DateTimeOffset connectedAt, DateTimeOffset lastSyncedAt,
        int entities, ConnectionStatus status = ConnectionStatus.Connected, string? statusMessage = null)
    {
        var id = Guid.CreateVersion7(connectedAt);
        string[] products = ["company", "directory", "individual", "employment"];
        var finchConnectionId = Guid.NewGuid().ToString();
        var companyId = Guid.NewGuid().ToString();
        var connection = Connection.Stage(id, employer, providerId, products, $"sess_{id:N}", connectedAt.AddDays(14), connectedAt.AddMinutes(-10));
        connection.NameProvider(providerName);
        connection.CompleteConnectSession(finchConnectionId, companyId, providerId, products, connectedAt);
        var reported = Enumerable.Range(0, entities)
            .Select(e => new IntrospectedEntity(Guid.NewGuid().ToString(), e == 0 ? companyName : $"{companyName} {(char)('A' + e)}", null,
                ConnectionStatus.Connected.WireName()))
            .ToList();
        var report = new ConnectionIntrospection(
            finchConnectionId, status, statusMessage, companyId, providerId, products, null, null, ConnectionType.Automated, lastSyncedAt, reported);
        var connectionEntities = connection.ApplyIntrospection(report, companyName, [], lastSyncedAt);
        var methods = new List<ConnectionAuthenticationMethod>
        {
            new(Guid.CreateVersion7(), id, employer.Id, SampleConnections.AutomatedMethodOf(providerId), connection.Status, connection.StatusMessage, lastSyncedAt, products),
        };
        return new SampleConnection(connection, connectionEntities, methods, [
            Timeline.Event(connection, connectedAt, $"Connected through {providerName}", "Finch"),
            Timeline.Event(connection, lastSyncedAt, "Data sync completed", "Finch"),
        ]);
    }
}
