namespace FinchDashboard.Dashboard.Finch;

/// <summary>POST /connect/sessions: every parameter of Finch's SessionNewParams.</summary>
public sealed record ConnectSessionRequest
{
    /// <summary>Our id for the employer; Finch refuses a second live connection for it (connection_already_exists).</summary>
    public required string CustomerId { get; init; }

    public required string CustomerName { get; init; }

    /// <summary>Finch products to ask consent for: company, directory, individual, employment, payment, pay_statement, benefits, ssn, deduction, documents.</summary>
    public required IReadOnlyList<string> Products { get; init; }

    public string? CustomerEmail { get; init; }

    /// <summary>Skips the provider choice (and optionally the auth method) on the Connect page.</summary>
    public ConnectIntegration? Integration { get; init; }

    /// <summary>Offer Assisted Connect.</summary>
    public bool? Manual { get; init; }

    /// <summary>Finch's default is 90 days.</summary>
    public int? MinutesToExpire { get; init; }

    public string? RedirectUri { get; init; }

    /// <summary><c>finch</c> or <c>provider</c> for sandbox applications; null otherwise.</summary>
    public string? Sandbox { get; init; }
}

/// <summary><see cref="AuthMethod"/>: assisted, credential, oauth or api_token.</summary>
public sealed record ConnectIntegration(string? Provider, string? AuthMethod = null);

/// <summary>POST /connect/sessions/reauthenticate: repair an existing connection (same connection_id afterwards).</summary>
public sealed record ReauthenticationSessionRequest
{
    public required string ConnectionId { get; init; }

    /// <summary>Null keeps the connection's products.</summary>
    public IReadOnlyList<string>? Products { get; init; }

    public string? RedirectUri { get; init; }

    /// <summary>Finch's default is 30 days.</summary>
    public int? MinutesToExpire { get; init; }
}

/// <summary>A created session: send the employer to <see cref="ConnectUrl"/>.</summary>
public sealed record ConnectSession(string SessionId, string ConnectUrl);

/// <summary>
/// GET /connect/sessions/{id} — an extension of the FinchSandbox emulator, not part of Finch's API: real Finch only
/// reports completion through the redirect (and webhooks). <see cref="Status"/>: created, opened, completed, declined or expired.
/// </summary>
public sealed record ConnectSessionStatus(
    string SessionId,
    string Type,
    string Status,
    string? CustomerId,
    string? CustomerName,
    IReadOnlyList<string> Products,
    string? RedirectUri,
    string? ConnectionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// POST /auth/token: the authorization code from Connect exchanged for a connection's token. Its ToString shows
/// everything but the token (see <see cref="FinchAccessToken"/>).
/// </summary>
public sealed record FinchTokenResponse(
    FinchAccessToken AccessToken,
    string? TokenType,
    string ConnectionId,
    string? CustomerId,
    string? CustomerName,
    string? AccountId,
    string? CompanyId,
    string ProviderId,
    IReadOnlyList<string> Products,
    string ConnectionType,
    string ClientType,
    IReadOnlyList<string>? EntityIds);

/// <summary>GET /providers: one entry of Finch's provider list.</summary>
public sealed record FinchProvider(
    string Id,
    string DisplayName,
    IReadOnlyList<string>? Products,
    IReadOnlyList<FinchProviderAuthenticationMethod>? AuthenticationMethods,
    bool? Beta,
    bool? Manual,
    bool? MfaRequired,
    string? PrimaryColor,
    string? Icon,
    string? Logo);

public sealed record FinchProviderAuthenticationMethod(string? Type);

/// <summary>Body of Finch's POST /sandbox/connections.</summary>
public sealed record FinchSandboxConnectionRequest(string ProviderId, string? AuthenticationType, IReadOnlyList<string>? Products);

/// <summary>Body of Finch's POST /sandbox/connections/accounts.</summary>
public sealed record FinchSandboxAccountRequest(string CompanyId, string ProviderId, string? AuthenticationType, IReadOnlyList<string>? Products);

/// <summary>What Finch's sandbox returns for a new connection or account: its token and ids.</summary>
public sealed record FinchSandboxConnection(
    FinchAccessToken AccessToken,
    string ConnectionId,
    string CompanyId,
    string ProviderId,
    string? EntityId,
    string? AuthenticationType);
