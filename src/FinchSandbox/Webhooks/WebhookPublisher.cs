using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.State;
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

/// <summary>One webhook on its way; the body is fixed at publish time so every attempt sends the same bytes.</summary>
public sealed record WebhookDelivery(string EventId, string EventType, string Body, int Attempt);

/// <summary>
/// Builds webhook events and queues them; <see cref="WebhookDispatcher"/> sends them in the background so no API call
/// ever waits on the receiver. Nothing is queued when no WebhookUrl is configured.
/// </summary>
public sealed class WebhookPublisher(IOptions<FinchSandboxOptions> options)
{
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>();

    internal ChannelReader<WebhookDelivery> Reader => _queue.Reader;

    internal bool TryRequeue(WebhookDelivery delivery) => _queue.Writer.TryWrite(delivery);

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
        _queue.Writer.TryWrite(new WebhookDelivery(eventId, eventType, JsonSerializer.Serialize(payload, FinchJson.Options), Attempt: 1));
    }
}
