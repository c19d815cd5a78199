using System.Text.Json;
using System.Text.Json.Nodes;
using FinchDashboard.StripeSandbox.Customers;
using FinchDashboard.StripeSandbox.Hosting;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.Api;

/// <summary>
/// Answers an object as JSON with Stripe's <c>expand[]</c> applied: each dotted path (<c>account_holder.customer</c>,
/// or <c>data.account_holder.customer</c> inside a list) that ends on an expandable id is replaced by that object.
/// </summary>
public sealed class Expansion(StripeStore store)
{
    public IResult Respond(object wire, StripeParameters parameters)
    {
        var node = JsonSerializer.SerializeToNode(wire, wire.GetType(), StripeJson.Options)!;
        foreach (var path in parameters.Strings("expand"))
            Expand(node, path.Split('.'), path);
        return Results.Json(node, StripeJson.Options);
    }

    private void Expand(JsonNode node, ReadOnlySpan<string> path, string fullPath)
    {
        if (node is JsonObject { } list && list["object"]?.GetValue<string>() == "list" && path[0] == "data" && path.Length > 1)
        {
            foreach (var item in list["data"]!.AsArray())
                Expand(item!, path[1..], fullPath);
            return;
        }
        if (node is not JsonObject obj || !obj.ContainsKey(path[0])) throw CannotExpand(fullPath);
        if (path.Length > 1)
        {
            if (obj[path[0]] is not { } child) throw CannotExpand(fullPath);
            Expand(child, path[1..], fullPath);
            return;
        }
        obj[path[0]] = obj[path[0]] switch
        {
            null => null,
            JsonValue value when value.GetValue<string>() is var id && id.StartsWith("cus_", StringComparison.Ordinal) => CustomerNode(id),
            _ => throw CannotExpand(fullPath),
        };
    }

    private JsonNode? CustomerNode(string id)
    {
        lock (store.Gate)
        {
            return store.Customers.TryGetValue(id, out var customer)
                ? JsonSerializer.SerializeToNode(CustomerObject.Of(customer), StripeJson.Options)
                : null;
        }
    }

    private static StripeRequestException CannotExpand(string path) =>
        StripeParameters.Invalid("expand", $"This property cannot be expanded ({path}).");
}
