using FinchDashboard.FinchSandbox.Api;
using FinchDashboard.FinchSandbox.Auth;
using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.Jobs;
using FinchDashboard.FinchSandbox.State;
using FinchDashboard.FinchSandbox.Webhooks;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Connections;

/// <summary>Who the connection belongs to, as given to POST /connect/sessions (absent for sandbox-API connections).</summary>
public sealed record ConnectionOwner(string? CustomerId, string? CustomerName, string? CustomerEmail);

/// <summary>What a new connection (or a new account on one) is made of.</summary>
public sealed record NewAccount(
    string AuthenticationMethod,
    IReadOnlyList<string> Products,
    string? Username,
    IReadOnlyList<string> EntityNames);

/// <summary>
/// The connection lifecycle: creation, extra accounts, tokens, status changes, disconnects. Every status change
/// publishes <c>account.updated</c>, so webhooks cannot drift from what /introspect reports.
/// </summary>
public sealed class ConnectionService(
    SandboxStore store,
    WebhookPublisher webhooks,
    JobService jobs,
    TimeProvider time,
    IOptions<FinchSandboxOptions> options)
{
    /// <summary>
    /// A new connection. An automated one starts with its initial data sync in flight (job URLs under
    /// <paramref name="jobsBaseUrl"/>) and has no successful sync until that job completes.
    /// </summary>
    public (Connection Connection, Account Account) CreateConnection(
        string providerId, string connectionType, NewAccount account, string jobsBaseUrl, ConnectionOwner? owner = null)
    {
        lock (store.Gate)
        {
            var connection = new Connection
            {
                Id = SandboxStore.NewId(),
                CompanyId = SandboxStore.NewId(),
                ProviderId = providerId,
                ConnectionType = connectionType,
                CustomerId = owner?.CustomerId,
                CustomerName = owner?.CustomerName,
                CustomerEmail = owner?.CustomerEmail,
                Manual = account.AuthenticationMethod == "assisted",
                Products = [.. account.Products],
                // Assisted connections wait for Finch's operators, so data is not available yet (Finch's "Mitigate Errors"
                // guide: 202 responses).
                Status = account.AuthenticationMethod == "assisted" ? ConnectionStatuses.Pending : ConnectionStatuses.Connected,
            };
            store.Connections[connection.Id] = connection;
            var created = AddAccountLocked(connection, account);
            webhooks.AccountUpdated(connection, connection.Status, created.AuthenticationMethod, entityId: null);
            if (connection.Status == ConnectionStatuses.Connected) jobs.StartInitialSync(connection, jobsBaseUrl);
            return (connection, created);
        }
    }

    /// <summary>Adds a login (and its entities) to an existing connection.</summary>
    public Account AddAccount(Connection connection, NewAccount account)
    {
        lock (store.Gate)
        {
            return AddAccountLocked(connection, account);
        }
    }

    private Account AddAccountLocked(Connection connection, NewAccount account)
    {
        var created = new Account
        {
            Id = SandboxStore.NewId(),
            AuthenticationMethod = account.AuthenticationMethod,
            Username = account.Username,
            Products = [.. account.Products],
        };
        connection.Accounts.Add(created);
        connection.Products = [.. connection.Products.Union(account.Products)];
        foreach (var name in account.EntityNames)
        {
            connection.Entities.Add(new Entity { Id = SandboxStore.NewId(), Name = name, SourceId = CompanyNames.SourceId(), AccountId = created.Id });
        }
        return created;
    }

    /// <summary>
    /// Completes a reauthentication: same connection_id, the login is reused (or added for a new auth method),
    /// chosen entities come back, and the connection is connected again. Reauth can add entities, never remove them.
    /// </summary>
    public Account Reauthenticate(Connection connection, string authMethod, string? username, IReadOnlyList<string> products,
        IReadOnlyCollection<string> entityIdsToRestore)
    {
        lock (store.Gate)
        {
            var account = connection.Accounts.FirstOrDefault(a => a.AuthenticationMethod == authMethod)
                          ?? AddAccountLocked(connection, new NewAccount(authMethod, products, username, []));
            account.Username = username ?? account.Username;
            account.Products = [.. account.Products.Union(products)];
            connection.Products = [.. connection.Products.Union(products)];
            foreach (var entity in connection.Entities.Where(e => e.Disconnected && entityIdsToRestore.Contains(e.Id)))
            {
                entity.Disconnected = false;
                entity.AccountId = account.Id;
                webhooks.AccountUpdated(connection, ConnectionStatuses.Connected, authMethod, entity.Id);
            }
            SetStatus(connection, authMethod == "assisted" ? ConnectionStatuses.Pending : ConnectionStatuses.Connected);
            return account;
        }
    }

    public AccessToken IssueToken(Connection connection, Account account, IReadOnlyList<string> products)
    {
        lock (store.Gate)
        {
            return IssueTokenLocked(connection, account, products);
        }
    }

    private AccessToken IssueTokenLocked(Connection connection, Account account, IReadOnlyList<string> products)
    {
        var token = new AccessToken
        {
            Token = SandboxStore.NewSecret(),
            Id = SandboxStore.NewId(),
            ConnectionId = connection.Id,
            AccountId = account.Id,
            Products = [.. products],
        };
        store.Tokens[token.Token] = token;
        return token;
    }

    public string IssueCode(Connection connection, Account account, IReadOnlyList<string> products, string? redirectUri)
    {
        lock (store.Gate)
        {
            var code = new AuthorizationCode
            {
                Code = SandboxStore.NewSecret(),
                ConnectionId = connection.Id,
                AccountId = account.Id,
                Products = [.. products],
                RedirectUri = redirectUri,
                ExpiresAt = time.GetUtcNow() + options.Value.AuthorizationCodeLifetime,
            };
            store.Codes[code.Code] = code;
            return code.Code;
        }
    }

    /// <summary>/auth/token: codes are single use, short-lived and bound to the redirect_uri of their session.</summary>
    public Outcome<TokenEndpoints.TokenResponse> ExchangeCode(string code, string? redirectUri)
    {
        lock (store.Gate)
        {
            if (!store.Codes.TryGetValue(code, out var grant) || grant.Used || grant.ExpiresAt <= time.GetUtcNow())
                return Outcome<TokenEndpoints.TokenResponse>.Fail(FinchErrors.InvalidGrant("The authorization code is invalid."));
            if (!string.IsNullOrEmpty(redirectUri) && !string.Equals(redirectUri, grant.RedirectUri, StringComparison.Ordinal))
                return Outcome<TokenEndpoints.TokenResponse>.Fail(FinchErrors.InvalidGrant("The redirect_uri does not match the one used in Finch Connect."));
            var connection = store.Connections[grant.ConnectionId];
            if (connection.Disconnected)
                return Outcome<TokenEndpoints.TokenResponse>.Fail(FinchErrors.InvalidGrant("The connection for this authorization code was disconnected."));

            grant.Used = true;
            var account = connection.Accounts.First(a => a.Id == grant.AccountId);
            var token = IssueTokenLocked(connection, account, grant.Products);
            return new TokenEndpoints.TokenResponse(
                token.Token, "bearer", connection.Id, connection.CustomerId, connection.CustomerName, account.Id,
                connection.CompanyId, connection.ProviderId, token.Products, connection.ConnectionType,
                options.Value.ClientType,
                // Finch's "Disconnect Connections" guide: after disconnect-entity, token responses list only the entities still connected.
                [.. connection.ActiveEntities.Select(e => e.Id)]);
        }
    }

    public Connection ConnectionOf(AccessToken token)
    {
        lock (store.Gate)
        {
            return store.Connections[token.ConnectionId];
        }
    }

    public void SetStatus(Connection connection, string status, string? message = null)
    {
        lock (store.Gate)
        {
            if (connection.Status == status) return;
            connection.Status = status;
            connection.StatusMessage = message;
            if (status == ConnectionStatuses.Connected) connection.LastSuccessfulSync ??= time.GetUtcNow();
            webhooks.AccountUpdated(connection, status, connection.PrimaryAuthenticationMethod, entityId: null);
        }
    }

    /// <summary>
    /// POST /disconnect: Finch deletes by employer/provider pair, so every connection of that company on that provider
    /// loses all its tokens; one account.updated per entity disconnected (Finch's "Disconnect Connections" guide).
    /// </summary>
    public void Disconnect(AccessToken token)
    {
        lock (store.Gate)
        {
            var origin = store.Connections[token.ConnectionId];
            var pair = store.Connections.Values
                .Where(c => c.CompanyId == origin.CompanyId && c.ProviderId == origin.ProviderId && !c.Disconnected)
                .ToList();
            foreach (var connection in pair)
            {
                connection.Disconnected = true;
                connection.StatusMessage = "The connection was disconnected.";
                foreach (var revoked in store.Tokens.Values.Where(t => t.ConnectionId == connection.Id)) revoked.Revoked = true;
                foreach (var entity in connection.ActiveEntities.ToList())
                {
                    entity.Disconnected = true;
                    webhooks.AccountUpdated(connection, ConnectionStatuses.Disconnected, AuthMethodOf(connection, entity), entity.Id);
                }
            }
        }
    }

    /// <summary>POST /disconnect-entity: only the named entities go; the token and the other entities stay.</summary>
    public IResult? DisconnectEntities(AccessToken token, IReadOnlyList<string> entityIds)
    {
        lock (store.Gate)
        {
            var connection = store.Connections[token.ConnectionId];
            var byId = connection.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
            var unknown = entityIds.Where(id => !byId.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
                return FinchErrors.InvalidRequest($"Invalid entity_id(s) for this connection: {string.Join(", ", unknown)}.");
            var already = entityIds.Where(id => byId[id].Disconnected).ToList();
            if (already.Count > 0)
                return FinchErrors.InvalidRequest($"Entity(s) already disconnected: {string.Join(", ", already)}.");

            foreach (var entity in entityIds.Distinct().Select(id => byId[id]))
            {
                entity.Disconnected = true;
                webhooks.AccountUpdated(connection, ConnectionStatuses.Disconnected, AuthMethodOf(connection, entity), entity.Id);
            }
            return null;
        }
    }

    private static string AuthMethodOf(Connection connection, Entity entity) =>
        connection.Accounts.FirstOrDefault(a => a.Id == entity.AccountId)?.AuthenticationMethod ?? connection.PrimaryAuthenticationMethod;
}
