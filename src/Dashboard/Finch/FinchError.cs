using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Finch's error body (code, name, finch_code, message; context on some 400s such as
/// <c>connection_already_exists</c>). Every field is optional: a proxy in front of Finch may answer without one.
/// </summary>
public sealed record FinchError(
    int? Code,
    string? Name,
    string? FinchCode,
    string? Message,
    IReadOnlyDictionary<string, JsonElement>? Context)
{
    public const string ConnectionAlreadyExists = "connection_already_exists";

    /// <summary>The live connection Finch names when a customer already has one: reauthenticate it instead.</summary>
    [JsonIgnore]
    public string? ExistingConnectionId =>
        FinchCode == ConnectionAlreadyExists ? ContextValue("connection_id") : null;

    public string? ContextValue(string key) =>
        Context is not null && Context.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
