using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.Sessions;
using FinchDashboard.StripeSandbox.State;

namespace FinchDashboard.StripeSandbox.LinkPage;

/// <summary>What the hosted page does to a session: find it by its client_secret, link the chosen accounts, or cancel.</summary>
public sealed class LinkFlow(StripeStore store, AccountService accounts, EventPublisher events)
{
    public LinkSession? Find(string? clientSecret)
    {
        if (string.IsNullOrEmpty(clientSecret)) return null;
        lock (store.Gate)
        {
            return store.Sessions.Values.FirstOrDefault(s => s.ClientSecret == clientSecret);
        }
    }

    /// <summary>The accounts of an institution the session may link: its subcategory filter applies.</summary>
    public static IReadOnlyList<TestAccount> Offered(LinkSession session, TestInstitution institution) =>
        institution.Accounts.Where(a => session.AccountSubcategories.Count == 0 || session.AccountSubcategories.Contains(a.Subcategory)).ToList();

    /// <returns>False when the session was finished meanwhile (a second tab, a double submit).</returns>
    public bool Link(LinkSession session, TestInstitution institution, IReadOnlyList<TestAccount> chosen)
    {
        List<AccountObject> created;
        lock (store.Gate)
        {
            if (session.Finished) return false;
            session.Finished = true;
            created = chosen.Select(a => accounts.CreateLocked(new NewAccount(session.CustomerId, institution.Name, a.DisplayName, a.Last4,
                    a.Category, a.Subcategory, session.Permissions, AccountStatuses.Active, session.Id)))
                .Select(account =>
                {
                    session.AccountIds.Add(account.Id);
                    return AccountObject.Of(account);
                })
                .ToList();
        }
        foreach (var account in created)
        {
            events.Publish("financial_connections.account.created", account, EventCause.None);
            // Prefetched data is refreshed right after linking, as Stripe does.
            var features = session.Prefetch.Select(p => p == "balances" ? AccountFeatures.Balance : p).ToList();
            if (features.Count > 0) accounts.Refresh(account.Id, features);
        }
        return true;
    }

    public void Cancel(LinkSession session)
    {
        lock (store.Gate)
        {
            session.Finished = true;
        }
    }
}
