using FinchDashboard.SandboxHosting;
using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.Sessions;

/// <summary><c>POST /v1/financial_connections/sessions</c> and <c>GET /v1/financial_connections/sessions/{id}</c>.</summary>
public static class SessionEndpoints
{
    private static readonly IReadOnlyList<string> FilterSubcategories = ["checking", "credit_card", "line_of_credit", "mortgage", "savings"];
    private static readonly IReadOnlyList<string> PrefetchFeatures = ["balances", "ownership", "transactions"];

    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/financial_connections/sessions", (StripeParameters parameters, HttpRequest http, StripeStore store, PublicUrls urls, Expansion expansion) =>
        {
            var type = parameters.String("account_holder[type]") ?? throw new StripeRequestException(StripeErrors.ParameterMissing("account_holder[type]"));
            if (type != "customer")
                throw StripeParameters.Invalid("account_holder[type]", "This emulator links accounts for customers only: account_holder[type] must be customer.");
            var customerId = parameters.RequiredString("account_holder[customer]");
            var permissions = parameters.AllOneOf("permissions", AccountPermissions.All);
            if (permissions.Count == 0) throw new StripeRequestException(StripeErrors.ParameterMissing("permissions"));
            var prefetch = parameters.AllOneOf("prefetch", PrefetchFeatures).Distinct().ToList();
            if (prefetch.FirstOrDefault(p => !permissions.Contains(p)) is { } unpermitted)
                throw StripeParameters.Invalid("prefetch", $"You cannot prefetch {unpermitted} without requesting the {unpermitted} permission.");
            var returnUrl = parameters.String("return_url");
            if (returnUrl is not null && !Uri.TryCreate(returnUrl, UriKind.Absolute, out _))
                throw StripeParameters.Invalid("return_url", "Invalid URL: return_url must be an absolute URL.");

            var session = new LinkSession
            {
                Id = StripeIds.New("fcsess"),
                ClientSecret = StripeIds.New("fcsess_client_secret", 32),
                CustomerId = customerId,
                Permissions = permissions.Distinct().ToList(),
                Prefetch = prefetch,
                AccountSubcategories = parameters.AllOneOf("filters[account_subcategories]", FilterSubcategories).Distinct().ToList(),
                Country = Country(parameters),
                ReturnUrl = returnUrl,
            };
            lock (store.Gate)
            {
                if (!store.Customers.ContainsKey(customerId))
                    return StripeErrors.ResourceMissing("customer", customerId, "account_holder[customer]", status: 400);
                store.Sessions.Add(session.Id, session);
                return expansion.Respond(SessionObject.Of(session, [], urls.BaseUrl(http)), parameters);
            }
        });

        app.MapGet("/v1/financial_connections/sessions/{id}", (string id, StripeParameters parameters, HttpRequest http, StripeStore store, PublicUrls urls, Expansion expansion) =>
        {
            lock (store.Gate)
            {
                if (!store.Sessions.TryGetValue(id, out var session))
                    return StripeErrors.ResourceMissing("financial_connections.session", id, "session");
                var accounts = session.AccountIds.Select(a => store.Accounts[a]).ToList();
                return expansion.Respond(SessionObject.Of(session, accounts, urls.BaseUrl(http)), parameters);
            }
        });
    }

    /// <summary>
    /// Today's API takes one <c>filters[country]</c>; earlier versions took <c>filters[countries][]</c>, which integrations
    /// still send, so both are read. Financial Connections links US accounts only.
    /// </summary>
    private static string? Country(StripeParameters parameters)
    {
        var countries = parameters.Strings("filters[countries]");
        var country = parameters.String("filters[country]");
        var given = countries.Select((c, i) => (Value: c, Param: $"filters[countries][{i}]")).ToList();
        if (country is not null) given.Add((country, "filters[country]"));
        if (given.Find(g => g.Value != "US") is { Param: { } param })
            throw StripeParameters.Invalid(param, $"Invalid {param}: Financial Connections supports US accounts only");
        return country ?? countries.FirstOrDefault();
    }
}
