using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Api;

namespace FinchDashboard.StripeSandbox.Sessions;

/// <summary>
/// The financial_connections.session object on the wire (stripe-node's types/FinancialConnections/Sessions.d.ts), plus
/// <c>hosted_auth_url</c>, the emulator's authentication page for it: Stripe's own page is reached through Stripe.js
/// with the client_secret, which a test cannot load.
/// </summary>
public sealed record SessionObject(
    string Id,
    AccountObject.AccountHolderObject AccountHolder,
    StripeList<AccountObject> Accounts,
    string ClientSecret,
    SessionObject.FiltersObject Filters,
    bool Livemode,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Prefetch,
    string? ReturnUrl,
    string HostedAuthUrl)
{
    public string Object => "financial_connections.session";

    public sealed record FiltersObject(IReadOnlyList<string>? AccountSubcategories, string? Country);

    public static SessionObject Of(LinkSession session, IReadOnlyList<BankAccount> accounts, string baseUrl) => new(
        session.Id,
        new AccountObject.AccountHolderObject(session.CustomerId, "customer"),
        new StripeList<AccountObject>(accounts.Select(AccountObject.Of).ToList(), false, "/v1/financial_connections/accounts"),
        session.ClientSecret,
        new FiltersObject(session.AccountSubcategories.Count > 0 ? session.AccountSubcategories : null, session.Country),
        false,
        session.Permissions,
        session.Prefetch,
        session.ReturnUrl,
        $"{baseUrl}/link-accounts?client_secret={Uri.EscapeDataString(session.ClientSecret)}");
}
