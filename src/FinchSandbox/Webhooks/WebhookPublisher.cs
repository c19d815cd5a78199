using System.Text.Json;
using System.Text.Json.Serialization;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.State;
using FinchDashboard.SandboxHosting.Webhooks;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Webhooks;

/// <summary>Body of every Finch webhook (BaseWebhookEvent in the SDK).</summary>
public sealed record WebhookPayload(
    string AccountId,
    string CompanyId,
    string ConnectionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EntityId,
    string EventType,
    object? Data);

public sealed record AccountUpdatedData(string Status, AuthenticationMethodData AuthenticationMethod);

public sealed record AuthenticationMethodData(string Type);

public sealed record JobCompletedData(string JobId, string JobUrl);

/// <summary>
/// Builds webhook events and queues them for <see cref="WebhookDispatcher"/>. Nothing is queued when no WebhookUrl is
/// configured.
/// </summary>
public sealed class WebhookPublisher(WebhookQueue queue, IOptions<FinchSandboxOptions> options)
{
    public void AccountUpdated(Connection connection, string status, string authenticationMethod, string? entityId) =>
        Publish(connection, entityId, "account.updated",
            new AccountUpdatedData(status, new AuthenticationMethodData(authenticationMethod)));

    public void JobCompleted(Connection connection, string jobType, string jobId, string jobUrl) =>
        Publish(connection, entityId: null, $"job.{jobType}.completed", new JobCompletedData(jobId, jobUrl));

    private void Publish(Connection connection, string? entityId, string eventType, object data)
    {
        if (string.IsNullOrWhiteSpace(options.Value.WebhookUrl)) return;
        var accountId = connection.Accounts.Count > 0 ? connection.Accounts[0].Id : connection.Id;
        if (entityId is not null)
            accountId = connection.Entities.FirstOrDefault(e => e.Id == entityId)?.AccountId ?? accountId;
        var payload = new WebhookPayload(accountId, connection.CompanyId, connection.Id, entityId, eventType, data);
        // Event ids look like Finch's (Svix-style "msg_..."); the receiver dedups on them.
        var eventId = "msg_" + Guid.NewGuid().ToString("N");
        queue.Enqueue(eventId, eventType, JsonSerializer.Serialize(payload, FinchJson.Options));
    }
}
