using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.Accounts;

/// <summary>The Financial Connections Accounts API: list, retrieve, disconnect, refresh, subscribe and unsubscribe.</summary>
public static class AccountEndpoints
{
    private const string BasePath = "/v1/financial_connections/accounts";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(BasePath, (StripeParameters parameters, StripeStore store, Expansion expansion) =>
        {
            var customer = parameters.String("account_holder[customer]");
            var session = parameters.String("session");
            if (parameters.String("account_holder[account]") is not null)
                throw StripeParameters.Invalid("account_holder[account]", "This emulator links accounts for customers only: use account_holder[customer].");
            if (customer is null && session is null)
                throw StripeParameters.Invalid("account_holder", "You must specify either account_holder[customer] or session.");
            lock (store.Gate)
            {
                var accounts = StripeStore.NewestFirst(store.Accounts.Values.Where(a =>
                    (customer is null || a.CustomerId == customer) && (session is null || a.SessionId == session)));
                return expansion.Respond(
                    ListPaging.Page(accounts, a => a.Id, parameters, BasePath, "financial_connections.account", AccountObject.Of), parameters);
            }
        });

        app.MapGet(BasePath + "/{id}", (string id, StripeParameters parameters, AccountService accounts, Expansion expansion) =>
            expansion.Respond(accounts.Find(id), parameters));

        app.MapPost(BasePath + "/{id}/disconnect", (string id, HttpContext context, StripeParameters parameters, AccountService accounts, Expansion expansion) =>
            expansion.Respond(accounts.Disconnect(id, EventCause.Of(context)), parameters));

        app.MapPost(BasePath + "/{id}/refresh", (string id, StripeParameters parameters, AccountService accounts, Expansion expansion) =>
            expansion.Respond(accounts.Refresh(id, Features(parameters, AccountFeatures.All)), parameters));

        app.MapPost(BasePath + "/{id}/subscribe", (string id, StripeParameters parameters, AccountService accounts, Expansion expansion) =>
            expansion.Respond(accounts.Subscribe(id, Features(parameters, [AccountFeatures.Transactions]), subscribe: true), parameters));

        app.MapPost(BasePath + "/{id}/unsubscribe", (string id, StripeParameters parameters, AccountService accounts, Expansion expansion) =>
            expansion.Respond(accounts.Subscribe(id, Features(parameters, [AccountFeatures.Transactions]), subscribe: false), parameters));
    }

    private static IReadOnlyList<string> Features(StripeParameters parameters, IReadOnlyList<string> allowed)
    {
        var features = parameters.AllOneOf("features", allowed);
        return features.Count > 0 ? features : throw new StripeRequestException(StripeErrors.ParameterMissing("features"));
    }
}
