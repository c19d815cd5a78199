using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Webhooks;

/// <summary>A webhook as Finch would deliver it: its id, its timestamp, and its body.</summary>
public sealed record FinchDelivery(string EventId, DateTimeOffset SentAt, string Body)
{
    public static FinchDelivery AccountUpdated(string finchConnectionId, string status, DateTimeOffset? sentAt = null, string? entityId = null) =>
        Create(finchConnectionId, "account.updated", new { status, authentication_method = new { type = "oauth" } }, sentAt, entityId);

    public static FinchDelivery Create(string finchConnectionId, string eventType, object? data, DateTimeOffset? sentAt = null, string? entityId = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["account_id"] = Guid.NewGuid().ToString(),
            ["company_id"] = Guid.NewGuid().ToString(),
            ["connection_id"] = finchConnectionId,
            ["event_type"] = eventType,
            ["data"] = data,
        };
        if (entityId is not null)
        {
            body["entity_id"] = entityId;
        }

        return new FinchDelivery("msg_" + Guid.NewGuid().ToString("N"), sentAt ?? DateTimeOffset.UtcNow, JsonSerializer.Serialize(body));
    }

    /// <summary>Posts it signed with <paramref name="secret"/>; <paramref name="sentBody"/> replaces the body after signing.</summary>
    public async Task<HttpResponseMessage> PostAsync(HttpClient client, string? secret = null, string? sentBody = null)
    {
        var timestamp = SentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, FinchWebhookEndpoint.Path)
        {
            Content = new StringContent(sentBody ?? Body, Encoding.UTF8, "application/json"),
        };
        // Unvalidated, so a test can send an id that HttpClient would refuse but a raw socket carries.
        request.Headers.TryAddWithoutValidation("Finch-Event-Id", EventId);
        request.Headers.Add("Finch-Timestamp", timestamp);
        request.Headers.Add("Finch-Signature", Sign(secret ?? DashboardFactory.WebhookSecret, EventId, timestamp, Body));
        return await client.SendAsync(request);
    }

    /// <summary>Posts <paramref name="body"/>'s bytes as they are, signed over those bytes: a body no string can hold.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string eventId, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, FinchWebhookEndpoint.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Finch-Event-Id", eventId);
        request.Headers.Add("Finch-Timestamp", timestamp);
        var signed = Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.").Concat(body).ToArray();
        request.Headers.Add("Finch-Signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(DashboardFactory.WebhookSecret), signed)));
        return await client.SendAsync(request);
    }

    public static string Sign(string base64Secret, string eventId, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(base64Secret), Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{body}")));
}

/// <summary>Reads what the webhooks left in the database.</summary>
public static class WebhookDatabase
{
    public static async Task<T> ReadAsync<T>(this DashboardFactory app, Func<DashboardDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        return await read(db);
    }

    public static Task<WebhookEvent?> EventAsync(this DashboardFactory app, string eventId) =>
        app.ReadAsync(db => db.WebhookEvents.AsNoTracking().SingleOrDefaultAsync(w => w.EventId == eventId));

    /// <summary>Waits for the background processor to settle the event (anything but Pending).</summary>
    public static async Task<WebhookEvent> ProcessedAsync(this DashboardFactory app, string eventId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await app.EventAsync(eventId) is { State: not WebhookEventState.Pending } processed)
            {
                return processed;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Webhook {eventId} was not processed within 15 s.");
    }

    /// <summary>WebhookApplied audit records naming this event (their detail starts with the event type and id).</summary>
    public static Task<int> AuditCountAsync(this DashboardFactory app, string eventId) =>
        app.ReadAsync(db => db.AuditLog.CountAsync(r => r.Action == AuditAction.WebhookApplied && r.Detail!.Contains(" " + eventId + ":")));
}
