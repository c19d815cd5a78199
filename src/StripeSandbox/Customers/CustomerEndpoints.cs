using System.Text.Json.Nodes;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.Customers;

/// <summary><c>POST /v1/customers</c>, <c>GET /v1/customers</c> (optional <c>email</c>) and <c>GET /v1/customers/{id}</c>.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/customers", (StripeParameters parameters, StripeStore store, TimeProvider time, Expansion expansion) =>
        {
            var customer = FromParameters(StripeIds.New("cus", 14), parameters, time);
            lock (store.Gate)
            {
                store.Customers.Add(customer.Id, customer);
            }
            return expansion.Respond(CustomerObject.Of(customer), parameters);
        });

        app.MapGet("/v1/customers", (StripeParameters parameters, StripeStore store, Expansion expansion) =>
        {
            var email = parameters.String("email");
            lock (store.Gate)
            {
                var customers = StripeStore.NewestFirst(store.Customers.Values.Where(c => email is null || c.Email == email));
                return expansion.Respond(
                    ListPaging.Page(customers, c => c.Id, parameters, "/v1/customers", "customer", CustomerObject.Of), parameters);
            }
        });

        app.MapGet("/v1/customers/{id}", (string id, StripeParameters parameters, StripeStore store, Expansion expansion) =>
        {
            lock (store.Gate)
            {
                return store.Customers.TryGetValue(id, out var customer)
                    ? expansion.Respond(CustomerObject.Of(customer), parameters)
                    : StripeErrors.ResourceMissing("customer", id, "id");
            }
        });
    }

    /// <summary>A customer with <paramref name="id"/> and the fields a create call may set.</summary>
    public static Customer FromParameters(string id, StripeParameters parameters, TimeProvider time) => new()
    {
        Id = id,
        Created = time.GetUtcNow().ToUnixTimeSeconds(),
        Email = parameters.String("email"),
        Name = parameters.String("name"),
        Description = parameters.String("description"),
        Phone = parameters.String("phone"),
        Metadata = Metadata(parameters),
    };

    private static Dictionary<string, string> Metadata(StripeParameters parameters) =>
        parameters.Tree["metadata"] switch
        {
            null => new Dictionary<string, string>(StringComparer.Ordinal),
            JsonObject metadata => metadata.ToDictionary(p => p.Key, p => p.Value is JsonValue v
                ? v.GetValue<string>()
                : throw StripeParameters.Invalid($"metadata[{p.Key}]", $"Invalid metadata[{p.Key}]: must be a string"), StringComparer.Ordinal),
            _ => throw StripeParameters.Invalid("metadata", "Invalid object: metadata"),
        };
}
