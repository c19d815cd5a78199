using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>Finch's wire format: snake_case names, optional request fields left out rather than sent as null.</summary>
public static class FinchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
