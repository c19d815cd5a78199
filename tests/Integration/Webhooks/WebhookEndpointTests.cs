using System.Net;
using System.Text;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Webhooks;

/// <summary>POST /webhooks/finch through the real app and database, with the background processor running.</summary>
public sealed class WebhookEndpointTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private async Task<Connection> ConnectionAsync(ConnectionStatus status = ConnectionStatus.Connected)
    {
        var employer = await app.AddEmployerAsync("Webhook Works");
        return await app.AddConnectionAsync(employer, ConnectionState.Live, c => c.Status(status).Company("Webhook Works"));
    }

    private Task<Connection> ReloadAsync(Connection connection) =>
        app.ReadAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Id == connection.Id));

    [Fact]
    public async Task A_valid_status_change_is_stored_then_applied_with_a_timeline_entry_and_an_audit_record()
    {
        var connection = await ConnectionAsync();
        var delivery = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "reauth");

        var response = await delivery.PostAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var processed = await app.ProcessedAsync(delivery.EventId);
        Assert.Equal(WebhookEventState.Applied, processed.State);
        Assert.Equal(1, processed.Attempts);
        Assert.Equal(connection.Id, processed.ConnectionId);
        Assert.Equal(connection.EmployerId, processed.EmployerId);
        var after = await ReloadAsync(connection);
        Assert.Equal(ConnectionStatus.Reauth, after.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(delivery.SentAt.ToUnixTimeSeconds()), after.StatusReportedAt);
        var timeline = await app.ReadAsync(db => db.ConnectionEvents.Where(e => e.ConnectionId == connection.Id && e.Actor == "Finch")
            .Select(e => e.Summary).ToListAsync());
        Assert.Contains("Finch reports: Status changed from Connected to Re-auth", timeline);
        Assert.Equal(1, await app.AuditCountAsync(delivery.EventId));
    }

    [Fact]
    public async Task A_repeated_delivery_is_acknowledged_but_stored_and_applied_once()
    {
        var connection = await ConnectionAsync();
        var delivery = FinchDelivery.Create(connection.FinchConnectionId!, "directory.created", new { individual_id = Guid.NewGuid() });
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(client)).StatusCode);
        await app.ProcessedAsync(delivery.EventId);
        Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(client)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than the poll interval: a second application would have happened

        Assert.Equal(1, await app.ReadAsync(db => db.WebhookEvents.CountAsync(w => w.EventId == delivery.EventId)));
        Assert.Equal(1, await app.AuditCountAsync(delivery.EventId));
        Assert.Equal(1, await app.ReadAsync(db => db.ConnectionEvents.CountAsync(e =>
            e.ConnectionId == connection.Id && e.Summary == "Finch reports employee data changed (directory.created)")));
    }

    [Fact]
    public async Task Copies_of_one_event_stored_at_once_are_one_new_event_and_repeats()
    {
        var delivery = FinchDelivery.Create("conn-copies", "company.updated", null);
        var payload = FinchWebhookPayload.TryParse(Encoding.UTF8.GetBytes(delivery.Body))!;
        var inbox = app.Services.GetRequiredService<WebhookInbox>();

        // Queued back to back, so copies meet in one statement, which inserts the row once.
        var stored = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => inbox.StoreAsync(delivery.EventId, delivery.SentAt, payload, delivery.Body)));

        Assert.Single(stored, isNew => isNew);
        Assert.Equal(1, await app.ReadAsync(db => db.WebhookEvents.CountAsync(w => w.EventId == delivery.EventId)));
    }

    [Fact]
    public async Task A_tampered_body_is_refused_with_401_and_nothing_is_stored_or_logged_of_it()
    {
        var connection = await ConnectionAsync();
        var delivery = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "connected");
        var tampered = delivery.Body.Replace("connected", "disconnected");

        var response = await delivery.PostAsync(app.CreateClient(), sentBody: tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(await app.EventAsync(delivery.EventId));
        var refusal = Assert.Single(app.Logs.Lines, l => l.Contains(delivery.EventId));
        Assert.Contains("NoMatchingSignature", refusal);
        Assert.DoesNotContain(connection.FinchConnectionId!, string.Join("\n", app.Logs.Lines.Where(l => l.Contains("refused"))));
        Assert.DoesNotContain(DashboardFactory.WebhookSecret, string.Join("\n", app.Logs.Lines));
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_with_401()
    {
        var connection = await ConnectionAsync();
        var delivery = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "reauth", DateTimeOffset.UtcNow.AddMinutes(-10));

        var response = await delivery.PostAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await app.EventAsync(delivery.EventId));
        Assert.Contains(app.Logs.Lines, l => l.Contains(delivery.EventId) && l.Contains("TimestampTooOld"));
    }

    [Fact]
    public async Task Missing_headers_get_a_400_problem_body_not_a_sign_in_redirect_or_page()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync(FinchWebhookEndpoint.Path, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(app.Logs.Lines, l => l.Contains("refused: MissingEventId"));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_Finch_event_is_refused_with_400()
    {
        var delivery = new FinchDelivery("msg_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, "[1, 2, 3]");

        var response = await delivery.PostAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await app.EventAsync(delivery.EventId));
    }

    [Fact]
    public async Task A_signed_body_with_invalid_UTF8_in_a_string_is_refused_with_400_and_stored_nowhere()
    {
        var stored = await StoredCountAsync();
        var body = "{\"event_type\":\"company.updated\",\"connection_id\":\""u8.ToArray().Concat(new byte[] { 0xFF, 0xFE }).Concat("\"}"u8.ToArray()).ToArray();

        var response = await FinchDelivery.PostRawAsync(app.CreateClient(), "msg_" + Guid.NewGuid().ToString("N"), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(stored, await StoredCountAsync());
    }

    [Fact]
    public async Task A_signed_body_whose_ids_hold_a_NUL_is_refused_with_400_and_stored_nowhere()
    {
        var stored = await StoredCountAsync();
        var delivery = FinchDelivery.Create("conn\u0000ection", "company.updated", null);

        var response = await delivery.PostAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(stored, await StoredCountAsync());
    }

    [Fact]
    public async Task An_event_id_with_a_NUL_is_refused_with_400_and_stored_nowhere()
    {
        var stored = await StoredCountAsync();
        var delivery = FinchDelivery.Create("conn", "company.updated", null) with { EventId = "msg_\u0000" + Guid.NewGuid().ToString("N") };

        var response = await delivery.PostAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(stored, await StoredCountAsync());
        Assert.Contains(app.Logs.Lines, l => l.Contains("event id holds control characters"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var delivery = FinchDelivery.Create("conn", "company.updated", new { padding = new string('x', 300 * 1024) });

        var response = await delivery.PostAsync(app.CreateClient());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await app.EventAsync(delivery.EventId));
    }

    [Fact]
    public async Task The_benchmark_s_verify_only_endpoint_is_not_part_of_the_dashboard()
    {
        var delivery = FinchDelivery.Create("conn", "company.updated", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, FinchWebhookEndpoint.Path + "/verify-only") { Content = new StringContent(delivery.Body) };

        var response = await app.CreateHttpsClient().SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_event_for_an_unknown_connection_is_kept_as_unmatched_and_reported()
    {
        var unknown = "unknown-" + Guid.NewGuid();
        var delivery = FinchDelivery.AccountUpdated(unknown, "reauth");

        Assert.Equal(HttpStatusCode.OK, (await delivery.PostAsync(app.CreateClient())).StatusCode);

        var processed = await app.ProcessedAsync(delivery.EventId);
        Assert.Equal(WebhookEventState.Unmatched, processed.State);
        Assert.Null(processed.ConnectionId);
        Assert.Contains(unknown, processed.Outcome);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning") && l.Contains(delivery.EventId) && l.Contains("matches no stored connection"));
        Assert.Equal(0, await app.AuditCountAsync(delivery.EventId));
    }

    [Fact]
    public async Task An_older_report_arriving_after_a_newer_one_does_not_move_the_status_back()
    {
        var connection = await ConnectionAsync();
        var now = DateTimeOffset.UtcNow;
        var newer = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "reauth", now);
        var older = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "error_permissions", now.AddSeconds(-30));
        var client = app.CreateClient();

        await newer.PostAsync(client);
        await app.ProcessedAsync(newer.EventId);
        await older.PostAsync(client);

        var ignored = await app.ProcessedAsync(older.EventId);
        Assert.Equal(WebhookEventState.Ignored, ignored.State);
        Assert.Contains("Older than the status already held", ignored.Outcome);
        var after = await ReloadAsync(connection);
        Assert.Equal(ConnectionStatus.Reauth, after.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()), after.StatusReportedAt);
    }

    [Fact]
    public async Task An_entity_disconnected_by_Finch_stays_as_history_and_the_last_one_ends_the_connection()
    {
        var connection = await ConnectionAsync();
        var entity = await app.ReadAsync(db => db.ConnectionEntities.SingleAsync(e => e.ConnectionId == connection.Id && e.Status == "connected"));
        var delivery = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "disconnected", entityId: entity.FinchEntityId);

        await delivery.PostAsync(app.CreateClient());

        Assert.Equal(WebhookEventState.Applied, (await app.ProcessedAsync(delivery.EventId)).State);
        var entities = await app.ReadAsync(db => db.ConnectionEntities.Where(e => e.ConnectionId == connection.Id).ToListAsync());
        Assert.Equal(2, entities.Count);
        Assert.All(entities, e => Assert.Equal("disconnected", e.Status));
        var after = await ReloadAsync(connection);
        Assert.Equal(0, after.ActiveEntityCount);
        // Finch's /disconnect announces itself only entity by entity: with none left, the connection has ended.
        Assert.Equal((ConnectionState.Disconnected, ConnectionStatus.Disconnected), (after.State, after.Status));
        Assert.Equal(0, await app.ReadAsync(db => db.AccessTokens.CountAsync(t => t.ConnectionId == connection.Id)));
        Assert.Contains("no entity is left", (await app.ProcessedAsync(delivery.EventId)).Outcome);
    }

    [Fact]
    public async Task A_connection_disconnected_by_Finch_moves_to_the_disconnected_tab_with_nothing_deleted()
    {
        var connection = await ConnectionAsync();
        var delivery = FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "disconnected");

        await delivery.PostAsync(app.CreateClient());

        Assert.Equal(WebhookEventState.Applied, (await app.ProcessedAsync(delivery.EventId)).State);
        var after = await ReloadAsync(connection);
        Assert.Equal(ConnectionState.Disconnected, after.State);
        Assert.Equal(ConnectionStatus.Disconnected, after.Status);
        Assert.NotNull(after.DisconnectedAt);
        Assert.Equal(2, await app.ReadAsync(db => db.ConnectionEntities.CountAsync(e => e.ConnectionId == connection.Id)));
    }

    [Fact]
    public async Task A_finished_initial_sync_records_the_sync_time()
    {
        var connection = await ConnectionAsync();
        var delivery = FinchDelivery.Create(connection.FinchConnectionId!, "job.initial_data_sync_org.succeeded", new { job_id = "job-1", job_url = "https://example/jobs/job-1" });

        await delivery.PostAsync(app.CreateClient());

        Assert.Equal(WebhookEventState.Applied, (await app.ProcessedAsync(delivery.EventId)).State);
        var after = await ReloadAsync(connection);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(delivery.SentAt.ToUnixTimeSeconds()), after.LastSyncedAt);
    }

    [Fact]
    public async Task The_webhooks_overview_is_for_admins_and_shows_unmatched_events_and_the_secret_count_only()
    {
        var delivery = FinchDelivery.AccountUpdated("unknown-" + Guid.NewGuid(), "reauth");
        await delivery.PostAsync(app.CreateClient());
        await app.ProcessedAsync(delivery.EventId);
        var employer = await app.AddEmployerAsync("Overview Outfitters");

        await using (var support = await app.SignedInScopeAsync(Role.Support))
        {
            Assert.Null(await support.ServiceProvider.GetRequiredService<WebhookMonitor>().GetAsync());
        }

        await using (var manager = await app.SignedInScopeAsync(Role.AccountManager, employer))
        {
            Assert.Null(await manager.ServiceProvider.GetRequiredService<WebhookMonitor>().GetAsync());
        }

        await using var admin = await app.SignedInScopeAsync(Role.Admin);
        var overview = await admin.ServiceProvider.GetRequiredService<WebhookMonitor>().GetAsync();
        Assert.NotNull(overview);
        Assert.Contains(overview.Unmatched, e => e.EventId == delivery.EventId);
        Assert.True(overview.Count(WebhookEventState.Unmatched) >= 1);
        Assert.Equal(1, overview.SecretCount);
        Assert.False(overview.RotationInProgress);
    }

    private Task<int> StoredCountAsync() => app.ReadAsync(db => db.WebhookEvents.CountAsync());
}
