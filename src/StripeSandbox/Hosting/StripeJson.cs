using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinchDashboard.StripeSandbox.Hosting;

/// <summary>
/// Stripe's wire format: snake_case, Unix-second timestamps (plain longs in the models), and nulls written out,
/// since Stripe's objects carry every field and its SDK types declare them <c>| null</c>, not optional.
/// </summary>
public static class StripeJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Stripe writes quotes and apostrophes as they are; the answers are JSON for API clients, never embedded in HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
