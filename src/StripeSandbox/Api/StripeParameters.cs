using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace FinchDashboard.StripeSandbox.Api;

/// <summary>
/// A request's parameters as Stripe reads them: form-encoded in the body of a POST, in the query string of a GET, with
/// nested names (<c>a[b]=c</c>), pushed arrays (<c>a[]=x</c>, as curl users write them) and indexed arrays
/// (<c>a[0]=x</c>, as the SDKs write them). The tree is kept as JSON so idempotent requests can be compared by value.
/// </summary>
public sealed class StripeParameters
{
    private const string ItemKey = nameof(StripeParameters);

    private StripeParameters(JsonObject tree) => Tree = tree;

    public JsonObject Tree { get; }

    /// <summary>The parameters, compared when an Idempotency-Key comes back.</summary>
    public string Fingerprint => Tree.ToJsonString();

    /// <summary>Minimal API binding; parsed once per request and shared with the idempotency middleware.</summary>
    public static async ValueTask<StripeParameters?> BindAsync(HttpContext context, ParameterInfo parameter) => await ReadAsync(context);

    public static async Task<StripeParameters> ReadAsync(HttpContext context)
    {
        if (context.Items[ItemKey] is StripeParameters cached) return cached;
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in context.Request.Query)
            pairs.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, values) in form)
                pairs.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
        }
        var parameters = Parse(pairs);
        context.Items[ItemKey] = parameters;
        return parameters;
    }

    public static StripeParameters Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new JsonObject();
        foreach (var (key, value) in pairs) Add(root, key, value);
        return new StripeParameters(root);
    }

    public string? String(string name) => Find(name) switch
    {
        null => null,
        JsonValue value => value.GetValue<string>() is { Length: > 0 } text ? text : null,
        _ => throw Invalid(name, $"Invalid {name}: must be a string"),
    };

    public string RequiredString(string name) =>
        String(name) ?? throw new StripeRequestException(StripeErrors.ParameterMissing(name));

    /// <summary>An array parameter; a single value counts as a one-item array, as Stripe accepts it.</summary>
    public IReadOnlyList<string> Strings(string name) => Find(name) switch
    {
        null => [],
        JsonValue value => value.GetValue<string>() is { Length: > 0 } text ? [text] : [],
        JsonArray array => array.Select((item, index) => item is JsonValue v
            ? v.GetValue<string>()
            : throw Invalid($"{name}[{index}]", $"Invalid {name}[{index}]: must be a string")).ToList(),
        _ => throw Invalid(name, $"Invalid array: {name}"),
    };

    public int? Integer(string name, int min, int max)
    {
        if (String(name) is not { } text) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw Invalid(name, $"Invalid integer: {text}; {name} must be between {min} and {max}");
    }

    /// <summary>A value that must be one of <paramref name="allowed"/>, in Stripe's wording.</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var value = String(name);
        return value is null || allowed.Contains(value) ? value : throw Invalid(name, MustBeOneOf(name, allowed));
    }

    public IReadOnlyList<string> AllOneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var values = Strings(name);
        for (var i = 0; i < values.Count; i++)
            if (!allowed.Contains(values[i])) throw Invalid($"{name}[{i}]", MustBeOneOf($"{name}[{i}]", allowed));
        return values;
    }

    public static StripeRequestException Invalid(string name, string message) => new(StripeErrors.InvalidRequest(message, name));

    private static string MustBeOneOf(string name, IReadOnlyCollection<string> allowed) =>
        $"Invalid {name}: must be one of {string.Join(", ", allowed.SkipLast(1))}{(allowed.Count > 1 ? ", or " : "")}{allowed.Last()}";

    private JsonNode? Find(string name)
    {
        JsonNode? node = Tree;
        foreach (var segment in Segments(name))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    private static void Add(JsonObject root, string key, string value)
    {
        var segments = Segments(key);
        JsonNode container = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            JsonNode Fresh() => last ? JsonValue.Create(value) : IsIndex(segments[i + 1]) ? new JsonArray() : new JsonObject();

            switch (container)
            {
                case JsonObject obj when last:
                    obj[segment] = Fresh();
                    return;
                case JsonObject obj:
                    container = obj[segment] ??= Fresh();
                    break;
                case JsonArray when !IsIndex(segment) || segment.Length > 6:
                    throw Invalid(key, $"Invalid array index in {key}");
                case JsonArray array when segment.Length > 0 && int.Parse(segment, CultureInfo.InvariantCulture) is var index && index < array.Count && !last:
                    container = array[index]!;
                    break;
                case JsonArray array:
                    var item = Fresh();
                    array.Add(item);
                    if (last) return;
                    container = item;
                    break;
                default:
                    throw Invalid(key, $"Invalid parameter: {key} mixes a value and nested parameters");
            }
        }
    }

    private static bool IsIndex(string segment) => segment.Length == 0 || segment.All(char.IsAsciiDigit);

    /// <summary><c>a[b][]</c> → <c>a</c>, <c>b</c>, <c>""</c>.</summary>
    private static List<string> Segments(string key)
    {
        var open = key.IndexOf('[');
        if (open < 0) return [key];
        var segments = new List<string> { key[..open] };
        while (open >= 0 && open < key.Length)
        {
            var close = key.IndexOf(']', open);
            if (close < 0) throw Invalid(key, $"Invalid parameter name: {key}");
            segments.Add(key[(open + 1)..close]);
            open = close + 1 < key.Length && key[close + 1] == '[' ? close + 1 : -1;
            if (open < 0 && close + 1 < key.Length) throw Invalid(key, $"Invalid parameter name: {key}");
        }
        return segments;
    }
}
