using System.Security.Cryptography;
using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Customers;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.TestHelpers;

/// <summary>
/// Emulator-only test helpers in the place Stripe keeps its own. <c>POST /v1/test_helpers/financial_connections/accounts</c>
/// makes an account for a customer without the hosted page, so demo data and tests can set up any mix.
/// Because the emulator forgets everything when it stops, both helpers take an optional <c>id</c>: a caller that
/// remembers Stripe's objects (the dashboard's demo mode) makes them again under the ids it holds.
/// </summary>
public static class TestHelperEndpoints
{
    private static readonly IReadOnlyList<string> DefaultPermissions = ["payment_method", "balances"];

    public static void MapTestHelperEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/test_helpers/customers", (StripeParameters parameters, StripeStore store, TimeProvider time, Expansion expansion) =>
        {
            var id = RequiredId(parameters, "cus");
            var customer = CustomerEndpoints.FromParameters(id, parameters, time);
            lock (store.Gate)
            {
                if (!store.Customers.TryAdd(id, customer))
                    return AlreadyExists("customer", id);
            }
            return expansion.Respond(CustomerObject.Of(customer), parameters);
        });

        app.MapPost("/v1/test_helpers/financial_connections/accounts",
            (HttpContext context, StripeParameters parameters, StripeStore store, AccountService accounts, Expansion expansion) =>
        {
            var customerId = parameters.RequiredString("customer");
            var id = parameters.String("id") is null ? null : RequiredId(parameters, "fca");
            var category = parameters.OneOf("category", [.. AccountCategories.Subcategories.Keys]) ?? "cash";
            var subcategory = parameters.OneOf("subcategory", AccountCategories.Subcategories[category])
                              ?? AccountCategories.Subcategories[category][0];
            var last4 = parameters.String("last4") ?? RandomNumberGenerator.GetInt32(10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            if (last4.Length != 4 || !last4.All(char.IsAsciiDigit))
                throw StripeParameters.Invalid("last4", "Invalid last4: must be exactly four digits");
            var permissions = parameters.AllOneOf("permissions", AccountPermissions.All);
            var request = new NewAccount(
                customerId,
                parameters.String("institution_name") ?? "StripeBank",
                parameters.String("display_name"),
                last4,
                category,
                subcategory,
                permissions.Count > 0 ? permissions.Distinct().ToList() : DefaultPermissions,
                parameters.OneOf("status", AccountStatuses.All) ?? AccountStatuses.Active,
                SessionId: null,
                id);
            lock (store.Gate)
            {
                if (!store.Customers.ContainsKey(customerId))
                    return StripeErrors.ResourceMissing("customer", customerId, "customer", status: 400);
                if (id is not null && store.Accounts.ContainsKey(id))
                    return AlreadyExists("financial_connections.account", id);
            }
            return expansion.Respond(accounts.Create(request, EventCause.Of(context)), parameters);
        });
    }

    /// <summary>An id of Stripe's shape for <paramref name="prefix"/>: the prefix, an underscore, then letters and digits.</summary>
    private static string RequiredId(StripeParameters parameters, string prefix)
    {
        var id = parameters.RequiredString("id");
        return id.Length > prefix.Length + 1 && id.Length <= 128 && id.StartsWith(prefix + "_", StringComparison.Ordinal)
               && id[(prefix.Length + 1)..].All(char.IsAsciiLetterOrDigit)
            ? id
            : throw StripeParameters.Invalid("id", $"Invalid id: must be {prefix}_ followed by letters and digits");
    }

    private static IResult AlreadyExists(string objectName, string id) =>
        StripeErrors.Create(400, "invalid_request_error", "resource_already_exists", $"A {objectName} with id '{id}' already exists.", "id");
}
