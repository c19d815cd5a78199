using System.Security.Cryptography;
using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.TestHelpers;

/// <summary>
/// <c>POST /v1/test_helpers/financial_connections/accounts</c>, an emulator-only test helper in the place Stripe keeps
/// its own: makes an account for a customer without the hosted page, so demo data and tests can set up any mix.
/// </summary>
public static class TestHelperEndpoints
{
    private static readonly IReadOnlyList<string> DefaultPermissions = ["payment_method", "balances"];

    public static void MapTestHelperEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/test_helpers/financial_connections/accounts",
            (HttpContext context, StripeParameters parameters, StripeStore store, AccountService accounts, Expansion expansion) =>
        {
            var customerId = parameters.RequiredString("customer");
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
                SessionId: null);
            lock (store.Gate)
            {
                if (!store.Customers.ContainsKey(customerId))
                    return StripeErrors.ResourceMissing("customer", customerId, "customer", status: 400);
            }
            return expansion.Respond(accounts.Create(request, EventCause.Of(context)), parameters);
        });
    }
}
