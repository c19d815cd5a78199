using FinchDashboard.StripeSandbox.Accounts;
using FinchDashboard.StripeSandbox.Customers;
using FinchDashboard.StripeSandbox.Sessions;

namespace FinchDashboard.StripeSandbox.State;

/// <summary>
/// All emulator state, in memory. One coarse lock (<see cref="Gate"/>) guards every collection: operations touch
/// several at once (completing a session creates accounts), contention is irrelevant for an emulator, and a single lock
/// keeps those invariants obviously true. Each collection keeps creation order, which lists need newest first.
/// </summary>
public sealed class StripeStore
{
    public object Gate { get; } = new();

    public OrderedDictionary<string, Customer> Customers { get; } = new(StringComparer.Ordinal);
    public OrderedDictionary<string, BankAccount> Accounts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, LinkSession> Sessions { get; } = new(StringComparer.Ordinal);

    /// <summary>Newest first, as every Stripe list is.</summary>
    public static List<T> NewestFirst<T>(IEnumerable<T> inCreationOrder) => inCreationOrder.Reverse().ToList();
}
