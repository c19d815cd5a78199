using System.Security.Cryptography;
using System.Text;
using FinchDashboard.StripeSandbox.Api;
using FinchDashboard.StripeSandbox.Events;
using FinchDashboard.StripeSandbox.Hosting;
using FinchDashboard.StripeSandbox.State;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Accounts;

public sealed record NewAccount(
    string CustomerId, string InstitutionName, string? DisplayName, string Last4, string Category, string Subcategory,
    IReadOnlyList<string> Permissions, string Status, string? SessionId, string? Id = null);

/// <summary>
/// Creates accounts and moves them between statuses, emitting the events Stripe emits. Refreshes run in the background
/// for StripeSandbox:RefreshDuration, as Stripe's do, and end with a refreshed_* event.
/// </summary>
public sealed class AccountService(
    StripeStore store,
    EventPublisher events,
    TimeProvider time,
    IOptions<StripeSandboxOptions> options,
    IHostApplicationLifetime lifetime)
{
    private const string Pending = "pending";

    public AccountObject Create(NewAccount request, EventCause cause)
    {
        AccountObject created;
        lock (store.Gate)
        {
            created = AccountObject.Of(CreateLocked(request));
        }
        events.Publish("financial_connections.account.created", created, cause);
        return created;
    }

    /// <summary>For callers that already hold <see cref="StripeStore.Gate"/>; they publish the created events themselves.</summary>
    public BankAccount CreateLocked(NewAccount request)
    {
        var account = new BankAccount
        {
            Id = request.Id ?? StripeIds.New("fca"),
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            CustomerId = request.CustomerId,
            InstitutionName = request.InstitutionName,
            DisplayName = request.DisplayName,
            Last4 = request.Last4,
            Category = request.Category,
            Subcategory = request.Subcategory,
            Permissions = request.Permissions,
            SessionId = request.SessionId,
            Status = request.Status,
        };
        store.Accounts.Add(account.Id, account);
        return account;
    }

    public AccountObject Find(string id)
    {
        lock (store.Gate)
        {
            return AccountObject.Of(Get(id));
        }
    }

    /// <summary>Disconnecting an already disconnected account answers it unchanged and emits nothing.</summary>
    public AccountObject Disconnect(string id, EventCause cause) => SetStatus(id, AccountStatuses.Disconnected, cause);

    /// <summary>
    /// What the account holder or their bank does from outside: deactivate, reactivate or disconnect. A disconnected
    /// account never comes back: regaining access takes a new authentication flow, i.e. a new account.
    /// </summary>
    public AccountObject SetStatus(string id, string status, EventCause cause)
    {
        AccountObject result;
        string? eventType;
        lock (store.Gate)
        {
            var account = Get(id);
            if (account.Status == status) return AccountObject.Of(account);
            if (account.Status == AccountStatuses.Disconnected)
                throw new StripeRequestException(StripeErrors.InvalidRequest(
                    $"The account {id} is disconnected; a new authentication flow is needed to regain access to it.", "status"));
            eventType = status switch
            {
                AccountStatuses.Disconnected => "financial_connections.account.disconnected",
                AccountStatuses.Inactive => "financial_connections.account.deactivated",
                _ => "financial_connections.account.reactivated",
            };
            account.Status = status;
            result = AccountObject.Of(account);
        }
        events.Publish(eventType, result, cause);
        return result;
    }

    public AccountObject Refresh(string id, IReadOnlyList<string> features)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var started = new List<string>();
        AccountObject result;
        lock (store.Gate)
        {
            var account = Get(id);
            RefuseIfDisconnected(account, "refreshed");
            for (var i = 0; i < features.Count; i++)
                RequirePermission(account, features[i], $"features[{i}]");
            foreach (var feature in features.Distinct())
            {
                if (account.RefreshOf(feature)?.Status == Pending) continue;
                account.SetRefresh(feature, new Refresh(Pending, now, feature == AccountFeatures.Transactions ? StripeIds.New("fctxnref") : null));
                started.Add(feature);
            }
            result = AccountObject.Of(account);
        }
        foreach (var feature in started) _ = FinishRefreshLaterAsync(id, feature);
        return result;
    }

    public AccountObject Subscribe(string id, IReadOnlyList<string> features, bool subscribe)
    {
        lock (store.Gate)
        {
            var account = Get(id);
            RefuseIfDisconnected(account, subscribe ? "subscribed to" : "unsubscribed from");
            for (var i = 0; i < features.Count; i++)
                RequirePermission(account, features[i], $"features[{i}]");
            foreach (var feature in features)
            {
                account.Subscriptions.Remove(feature);
                if (subscribe) account.Subscriptions.Add(feature);
            }
            return AccountObject.Of(account);
        }
    }

    private async Task FinishRefreshLaterAsync(string id, string feature)
    {
        try
        {
            await Task.Delay(options.Value.RefreshDuration, time, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        AccountObject result;
        lock (store.Gate)
        {
            var account = store.Accounts[id];
            var refresh = account.RefreshOf(feature)!;
            // The bank stops answering for an account that went inactive or was disconnected meanwhile.
            var succeeded = account.Status == AccountStatuses.Active;
            account.SetRefresh(feature, refresh with { Status = succeeded ? "succeeded" : "failed" });
            if (succeeded && feature == AccountFeatures.Balance)
                account.Balance = (SampleBalanceCents(account), time.GetUtcNow().ToUnixTimeSeconds());
            if (succeeded && feature == AccountFeatures.Ownership)
                account.OwnershipId ??= StripeIds.New("fcaowns");
            result = AccountObject.Of(account);
        }
        events.Publish($"financial_connections.account.refreshed_{feature}", result, EventCause.None);
    }

    /// <summary>A plausible balance derived from the account id, so repeated refreshes agree.</summary>
    private static long SampleBalanceCents(BankAccount account) =>
        1_000_00 + BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(account.Id))) % 5_000_000_00;

    private BankAccount Get(string id) =>
        store.Accounts.TryGetValue(id, out var account)
            ? account
            : throw new StripeRequestException(StripeErrors.ResourceMissing("financial_connections.account", id, "account"));

    private static void RefuseIfDisconnected(BankAccount account, string verb)
    {
        if (account.Status == AccountStatuses.Disconnected)
            throw new StripeRequestException(StripeErrors.InvalidRequest(
                $"The account {account.Id} is disconnected and cannot be {verb}. Its previously refreshed data stays readable; " +
                "a new authentication flow is needed to access new data."));
    }

    private static void RequirePermission(BankAccount account, string feature, string param)
    {
        var permission = AccountFeatures.PermissionFor(feature);
        if (!account.Permissions.Contains(permission))
            throw new StripeRequestException(StripeErrors.InvalidRequest(
                $"The account {account.Id} was not linked with the {permission} permission, so {feature} cannot be requested for it.", param));
    }
}
