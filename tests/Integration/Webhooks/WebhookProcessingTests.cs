using System.Net;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Integration.Webhooks;

/// <summary>Webhooks across secret rotation, restarts and several processors sharing one database.</summary>
public sealed class WebhookProcessingTests
{
    private static readonly Dictionary<string, string> HeldBack = new() { ["Webhooks:ProcessingEnabled"] = "false" };

    [Fact]
    public async Task During_a_secret_rotation_events_signed_with_either_secret_verify()
    {
        var previous = Convert.ToBase64String("previous-webhook-secret-01234567"u8.ToArray());
        var next = Convert.ToBase64String("next-webhook-secret-012345678901"u8.ToArray());
        await using var app = new DashboardFactory(new Dictionary<string, string> { ["Finch:WebhookSecrets"] = $"{previous} {next}" });
        await app.InitializeAsync();
        var client = app.CreateClient();

        var signedWithPrevious = FinchDelivery.Create("conn-1", "company.updated", null);
        var signedWithNext = FinchDelivery.Create("conn-1", "company.updated", null);
        var signedWithNeither = FinchDelivery.Create("conn-1", "company.updated", null);

        Assert.Equal(HttpStatusCode.OK, (await signedWithPrevious.PostAsync(client, previous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedWithNext.PostAsync(client, next)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedWithNeither.PostAsync(client, DashboardFactory.WebhookSecret)).StatusCode);
        Assert.NotNull(await app.EventAsync(signedWithPrevious.EventId));
        Assert.NotNull(await app.EventAsync(signedWithNext.EventId));
    }

    [Fact]
    public async Task Events_stored_before_a_restart_are_applied_by_the_next_instance()
    {
        await using var first = new DashboardFactory(HeldBack);
        await first.InitializeAsync();
        var employer = await first.AddEmployerAsync("Restart Retail");
        var connection = await first.AddConnectionAsync(employer, ConnectionState.Live, _ => { });
        var delivery = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "reauth");
        Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(first.CreateClient())).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(WebhookEventState.Pending, (await first.EventAsync(delivery.EventId))!.State);
        await first.DisposeAsync();

        await using var second = new DashboardFactory(new Dictionary<string, string> { ["ConnectionStrings:Dashboard"] = first.ConnectionString });
        await second.InitializeAsync();

        Assert.Equal(WebhookEventState.Applied, (await second.ProcessedAsync(delivery.EventId)).State);
        Assert.Equal(ConnectionStatus.Reauth, await second.ReadAsync(db => db.Connections.Where(c => c.Id == connection.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Two_processors_on_one_database_apply_every_event_exactly_once()
    {
        await using var app = new DashboardFactory(HeldBack);
        await app.InitializeAsync();
        var employer = await app.AddEmployerAsync("Concurrent Corp");
        var connections = new List<Connection>();
        for (var i = 0; i < 4; i++)
        {
            connections.Add(await app.AddConnectionAsync(employer, ConnectionState.Live, _ => { }));
        }

        var client = app.CreateClient();
        var statuses = new[] { "reauth", "connected", "error_permissions" };
        var deliveries = Enumerable.Range(0, 200).Select(i =>
        {
            var finchId = connections[i % connections.Count].FinchConnectionId!;
            return i % 5 == 0
                ? FinchDelivery.AccountUpdated(finchId, statuses[i / 20 % statuses.Length], DateTimeOffset.UtcNow.AddSeconds(i - 200))
                : FinchDelivery.Create(finchId, "pay_statement.created", new { payment_id = Guid.NewGuid(), individual_id = Guid.NewGuid() });
        }).ToList();
        foreach (var delivery in deliveries)
        {
            Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(client)).StatusCode);
        }

        var options = Options.Create(new WebhookOptions { BatchSize = 7 });
        var processors = Enumerable.Range(0, 2)
            .Select(_ => ActivatorUtilities.CreateInstance<WebhookProcessor>(app.Services, options))
            .ToList();
        var claimed = await Task.WhenAll(processors.Select(async processor =>
        {
            var total = 0;
            while ((await processor.ProcessBatchAsync(CancellationToken.None)) is { Claimed: > 0 } batch)
            {
                Assert.Equal(0, batch.Failed);
                total += batch.Claimed;
            }

            return total;
        }));

        Assert.Equal(deliveries.Count, claimed.Sum());
        Assert.All(claimed, count => Assert.True(count > 0, "both processors should have taken a share"));
        // Each event settled once: applied, or ignored when the other processor had already applied a newer status.
        var states = await app.ReadAsync(db => db.WebhookEvents.Select(w => new { w.EventId, w.State, w.Attempts }).ToListAsync());
        Assert.All(states, s => Assert.Contains((s.State, s.Attempts), new[] { (WebhookEventState.Applied, 1), (WebhookEventState.Ignored, 1) }));
        Assert.All(states.Where(s => s.State == WebhookEventState.Ignored), s => Assert.Contains(deliveries.Index().Where(d => d.Index % 5 == 0), d => d.Item.EventId == s.EventId));
        var audited = await app.ReadAsync(db => db.AuditLog.Where(r => r.Action == AuditAction.WebhookApplied).Select(r => r.Detail!).ToListAsync());
        Assert.Equal(states.Count(s => s.State == WebhookEventState.Applied), audited.Count);
        Assert.All(states.Where(s => s.State == WebhookEventState.Applied), s => Assert.Single(audited, detail => detail.Contains(" " + s.EventId + ":")));
        // The last status report per connection wins, whichever processor applied it.
        foreach (var connection in connections)
        {
            var last = deliveries.Select((d, i) => (d, i)).Where(x => x.i % 5 == 0 && x.d.Body.Contains(connection.FinchConnectionId!)).Last();
            var expected = statuses[last.i / 20 % statuses.Length];
            var status = await app.ReadAsync(db => db.Connections.Where(c => c.Id == connection.Id).Select(c => c.Status).SingleAsync());
            Assert.Equal(expected, status.WireName());
        }
    }
}
