namespace FinchDashboard.FinchSandbox.State;

/// <summary>Values of Finch's ConnectionStatusType (plus <c>disconnected</c>, which only entities and webhooks carry).</summary>
public static class ConnectionStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Connected = "connected";
    public const string ErrorNoAccountSetup = "error_no_account_setup";
    public const string ErrorPermissions = "error_permissions";
    public const string Reauth = "reauth";
    public const string Disconnected = "disconnected";

    /// <summary>What PUT /sandbox/connections/accounts accepts (Shared.ConnectionStatusType in the SDK).</summary>
    public static readonly IReadOnlySet<string> Settable =
        new HashSet<string>(StringComparer.Ordinal) { Pending, Processing, Connected, ErrorNoAccountSetup, ErrorPermissions, Reauth };
}

/// <summary>
/// A Finch connection: one employer (company) on one provider. Accounts are the logins used to connect it,
/// entities the employer's companies inside the provider. Mutated only under <see cref="SandboxStore.Gate"/>.
/// </summary>
public sealed class Connection
{
    public required string Id { get; init; }
    public required string CompanyId { get; init; }
    public required string ProviderId { get; init; }
    /// <summary><c>finch</c> for Finch-sandbox data, <c>provider</c> otherwise.</summary>
    public required string ConnectionType { get; init; }
    public string? CustomerId { get; set; }
    public string? CustomerName { get; set; }
    public string? CustomerEmail { get; set; }
    public bool Manual { get; set; }
    public List<string> Products { get; set; } = [];
    public string Status { get; set; } = ConnectionStatuses.Connected;
    public string? StatusMessage { get; set; }
    public DateTimeOffset? LastSuccessfulSync { get; set; }
    /// <summary>Set by /disconnect; a disconnected connection never comes back (Finch's "Disconnect Connections" guide).</summary>
    public bool Disconnected { get; set; }
    public List<Account> Accounts { get; } = [];
    public List<Entity> Entities { get; } = [];

    public IEnumerable<Entity> ActiveEntities => Entities.Where(e => !e.Disconnected);

    public bool IsLive => !Disconnected;

    public string PrimaryAuthenticationMethod => Accounts.Count > 0 ? Accounts[0].AuthenticationMethod : "credential";
}

public sealed class Account
{
    public required string Id { get; init; }
    public required string AuthenticationMethod { get; init; }
    public string? Username { get; set; }
    public List<string> Products { get; set; } = [];
}

public sealed class Entity
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string SourceId { get; init; }
    public required string AccountId { get; set; }
    public bool Disconnected { get; set; }
}

public sealed class AccessToken
{
    public required string Token { get; init; }
    /// <summary>The token's own Finch UUID, reported as <c>id</c> by /introspect.</summary>
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public required string AccountId { get; init; }
    public required List<string> Products { get; init; }
    public bool Revoked { get; set; }
}

public sealed class AuthorizationCode
{
    public required string Code { get; init; }
    public required string ConnectionId { get; init; }
    public required string AccountId { get; init; }
    public required List<string> Products { get; init; }
    public string? RedirectUri { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}
