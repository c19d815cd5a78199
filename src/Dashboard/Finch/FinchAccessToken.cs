using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// A connection's access token. Finch asks that tokens be treated like passwords, so the value is reachable only
/// through <see cref="Reveal"/>: ToString, records that hold one, and JSON writing never show it.
/// </summary>
[JsonConverter(typeof(JsonReadOnlyConverter))]
public sealed class FinchAccessToken
{
    private readonly string _value;

    public FinchAccessToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>The raw token, for the Authorization header and for storing it encrypted; never for logs or UI.</summary>
    public string Reveal() => _value;

    public override string ToString() => "FinchAccessToken(redacted)";

    /// <summary>Reads tokens from Finch's responses; refuses to write one, so no serialised object can leak it.</summary>
    private sealed class JsonReadOnlyConverter : JsonConverter<FinchAccessToken>
    {
        public override FinchAccessToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("access_token must be a string."));

        public override void Write(Utf8JsonWriter writer, FinchAccessToken value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Access tokens are not serialised; store FinchAccessToken.Reveal() encrypted instead.");
    }
}
