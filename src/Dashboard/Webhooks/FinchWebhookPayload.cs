using System.Text.Json;
using System.Text.Unicode;
using FinchDashboard.Domain.Webhooks;

namespace FinchDashboard.Dashboard.Webhooks;

/// <summary>What kind of change a webhook reports (Finch's "Webhooks" guide, "Webhook Payload Structure").</summary>
public enum FinchWebhookKind
{
    /// <summary><c>account.updated</c>: a connection's status, or one entity's when <c>entity_id</c> is set.</summary>
    AccountUpdated,

    /// <summary><c>job.{job_type}.completed</c> or <c>job.initial_data_sync_*.succeeded</c>.</summary>
    JobFinished,

    /// <summary><c>{endpoint}.{created|updated|deleted}</c> for company, directory, employment, individual, payment, pay_statement.</summary>
    DataChanged,

    Other,
}

/// <summary>
/// The fields of a Finch webhook body the dashboard uses. Unknown fields are ignored; <c>data.authentication_method</c>
/// is read both as the SDK's object <c>{ "type": ... }</c> and as the older guide's bare string.
/// </summary>
public sealed record FinchWebhookPayload(
    string EventType,
    string? ConnectionId,
    string? EntityId,
    string? AccountId,
    string? CompanyId,
    string? Status,
    string? AuthenticationMethod,
    string? JobId)
{
    /// <summary>The longest id or type the inbox stores (the columns' lengths).</summary>
    public const int MaxIdLength = 128;

    private static readonly HashSet<string> DataEndpoints =
        new(["company", "directory", "employment", "individual", "payment", "pay_statement"], StringComparer.Ordinal);

    public FinchWebhookKind Kind => Classify(EventType);

    /// <summary>The job type of a job event: <c>data_sync_all</c> in <c>job.data_sync_all.completed</c>.</summary>
    public string? JobType => Kind == FinchWebhookKind.JobFinished ? EventType.Split('.')[1] : null;

    /// <summary>Whether the event itself says the job succeeded; <c>.completed</c> is sent for failed jobs too.</summary>
    public bool JobSucceeded => Kind == FinchWebhookKind.JobFinished && EventType.EndsWith(".succeeded", StringComparison.Ordinal);

    /// <summary>The endpoint a data event is about: <c>directory</c> in <c>directory.created</c>.</summary>
    public string? DataEndpoint => Kind == FinchWebhookKind.DataChanged ? EventType[..EventType.LastIndexOf('.')] : null;

    /// <summary>The payload of a stored event, as the endpoint parsed it on arrival.</summary>
    public static FinchWebhookPayload Of(WebhookEvent stored) =>
        new(stored.EventType, stored.FinchConnectionId, stored.FinchEntityId, stored.AccountId, stored.CompanyId,
            stored.ReportedStatus, stored.AuthenticationMethod, stored.JobId);

    /// <summary>Reads a verified body; null when it is not a JSON object with an <c>event_type</c>, or an id is too long to store.</summary>
    public static FinchWebhookPayload? TryParse(ReadOnlyMemory<byte> body)
    {
        // Reading a string of invalid UTF-8 throws, and PostgreSQL's text holds no NUL: neither is a Finch event.
        if (!Utf8.IsValid(body.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "event_type") is not { Length: > 0 } eventType)
            {
                return null;
            }

            var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var method = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("authentication_method", out var m)
                ? m.ValueKind == JsonValueKind.Object ? Text(m, "type") : m.ValueKind == JsonValueKind.String ? m.GetString() : null
                : null;
            var payload = new FinchWebhookPayload(
                eventType,
                Text(root, "connection_id"),
                Text(root, "entity_id"),
                Text(root, "account_id"),
                Text(root, "company_id"),
                data.ValueKind == JsonValueKind.Object ? Text(data, "status") : null,
                method,
                data.ValueKind == JsonValueKind.Object ? Text(data, "job_id") : null);
            return payload.FitsTheInbox() ? payload : null;
        }
    }

    public static FinchWebhookKind Classify(string eventType)
    {
        if (eventType == "account.updated")
        {
            return FinchWebhookKind.AccountUpdated;
        }

        var parts = eventType.Split('.');
        if (parts is ["job", { Length: > 0 }, "completed" or "succeeded"])
        {
            return FinchWebhookKind.JobFinished;
        }

        return parts is [var endpoint, "created" or "updated" or "deleted"] && DataEndpoints.Contains(endpoint)
            ? FinchWebhookKind.DataChanged
            : FinchWebhookKind.Other;
    }

    private bool FitsTheInbox() =>
        new[] { EventType, ConnectionId, EntityId, AccountId, CompanyId }.All(value => value is null || value.Length <= MaxIdLength)
        && new[] { EventType, ConnectionId, EntityId, AccountId, CompanyId, Status, AuthenticationMethod, JobId }.All(value => value?.Contains('\0') != true);

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
