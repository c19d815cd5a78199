using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

/// <summary>
/// Finch's webhooks to 200 stored connections: status changes and data events, a few for connections nobody stored,
/// signed with Finch-Signature over "{event id}.{timestamp}.{body}" with the base64 secret.
/// </summary>
internal sealed class FinchWebhooks(string secret) : IWebhookSource
{
    private const int Connections = 200;

    private List<string> _finchConnectionIds = [];

    public string Name => "Finch";

    public string Path => FinchWebhookEndpoint.Path;

    public string VerifyOnlyPath => VerifyOnlyServer.FinchPath;

    public string EventsTable => "webhook_events";

    public async Task SeedAsync(string connectionString)
    {
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(connectionString).Options);
        var now = DateTimeOffset.UtcNow;
        var employer = new Employer(Guid.CreateVersion7(), "webhook-bench", "Webhook Bench", null, now);
        db.Employers.Add(employer);
        var connections = new List<Connection>();
        for (var i = 0; i < Connections; i++)
        {
            // Connected through Finch and read once, with the one entity it has.
            var finchConnectionId = $"bench-connection-{i:D4}";
            var companyName = $"Bench Company {i:D4}";
            var connection = Connection.Stage(Guid.CreateVersion7(), employer, null, [], $"bench-session-{i:D4}", now.AddDays(30), now);
            connection.CompleteConnectSession(finchConnectionId, null, null, [], now);
            var report = new ConnectionIntrospection(finchConnectionId, ConnectionStatus.Connected, null, null, null, [], null, null, ConnectionType.Automated, null,
                [new IntrospectedEntity($"bench-entity-{i:D4}", companyName, null, ConnectionStatus.Connected.WireName())]);
            db.ConnectionEntities.AddRange(connection.ApplyIntrospection(report, companyName, [], now));
            connections.Add(connection);
        }

        db.Connections.AddRange(connections);
        await db.SaveChangesAsync();
        _finchConnectionIds = [.. connections.Select(c => c.FinchConnectionId!)];
    }

    // One event per connection in turn: mostly status changes and data events, a few for connections nobody stored.
    public List<Delivery> Deliveries(int count, string prefix)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(secret);
        string[] statuses = ["reauth", "connected", "error_permissions", "connected"];
        return Enumerable.Range(0, count).Select(i =>
        {
            var finchId = i % 50 == 49 ? $"unknown-{i}" : _finchConnectionIds[i % _finchConnectionIds.Count];
            object body = (i % 3) switch
            {
                0 => new { account_id = "acc", company_id = "co", connection_id = finchId, event_type = "account.updated",
                    data = new { status = statuses[i / 3 % statuses.Length], authentication_method = new { type = "credential" } } },
                1 => new { account_id = "acc", company_id = "co", connection_id = finchId, event_type = "directory.updated",
                    data = new { individual_id = Guid.NewGuid().ToString() } },
                _ => new { account_id = "acc", company_id = "co", connection_id = finchId, event_type = "pay_statement.created",
                    data = new { payment_id = Guid.NewGuid().ToString(), individual_id = Guid.NewGuid().ToString() } },
            };
            var json = JsonSerializer.SerializeToUtf8Bytes(body);
            var eventId = $"{prefix}_{i:D7}_{Guid.NewGuid():N}";
            var signed = Encoding.UTF8.GetBytes($"{eventId}.{now}.").Concat(json).ToArray();
            var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
            return new Delivery(eventId, [new(FinchHeaders.WebhookEventId, eventId), new(FinchHeaders.WebhookTimestamp, now), new(FinchHeaders.WebhookSignature, signature)], json);
        }).ToList();
    }

    public async Task<IReadOnlyList<Check>> AppliedChecksAsync(NpgsqlDataSource dataSource, long applied)
    {
        var audits = await dataSource.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'WebhookApplied'");
        var timeline = await dataSource.ScalarAsync("SELECT count(*) FROM connection_events WHERE actor = 'Finch'");
        return
        [
            new("WebhookApplied audit records", $"{audits:N0}", "= applied", audits == applied),
            new("timeline entries from Finch", $"{timeline:N0}", "", null),
        ];
    }
}
