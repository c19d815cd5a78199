using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Finch calls made with the application's own credentials: Connect sessions (Basic client_id:client_secret), the
/// code exchange (credentials in the body, as Finch's SDK sends them) and the provider list.
/// </summary>
public sealed class FinchConnectClient(HttpClient http, IOptions<FinchOptions> options, TimeProvider time, ILogger<FinchConnectClient> logger)
{
    /// <summary>POST /connect/sessions. A customer with a live connection gets <see cref="FinchFailure.Rejected"/> with
    /// <see cref="FinchError.ExistingConnectionId"/> set: reauthenticate that connection instead.</summary>
    public Task<FinchResult<ConnectSession>> CreateSessionAsync(ConnectSessionRequest session, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectSession>("connect.sessions.create",
            WithClientCredentials(FinchRequests.Create(HttpMethod.Post, "connect/sessions", session, retrySafe: true)), cancellationToken);

    /// <summary>POST /connect/sessions/reauthenticate: a Connect link that repairs an existing connection.</summary>
    public Task<FinchResult<ConnectSession>> CreateReauthenticationSessionAsync(
        ReauthenticationSessionRequest session, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectSession>("connect.sessions.reauthenticate",
            WithClientCredentials(FinchRequests.Create(HttpMethod.Post, "connect/sessions/reauthenticate", session, retrySafe: true)),
            cancellationToken);

    /// <summary>
    /// GET /connect/sessions/{id}. Emulator only (FinchSandbox): Finch itself has no such endpoint, so callers ask only
    /// when <see cref="FinchOptions.SessionStatusExtension"/> is on.
    /// </summary>
    public Task<FinchResult<ConnectSessionStatus>> GetSessionStatusAsync(string sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectSessionStatus>("connect.sessions.read",
            WithClientCredentials(FinchRequests.Create(HttpMethod.Get, $"connect/sessions/{Uri.EscapeDataString(sessionId)}")), cancellationToken);

    /// <summary>
    /// POST /auth/token: exchanges the code Connect redirected with for the connection's token. Never retried after
    /// a 5xx or a network failure: a code is single use, and Finch may have spent it before failing.
    /// </summary>
    public Task<FinchResult<FinchTokenResponse>> ExchangeCodeAsync(string code, string? redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var settings = options.Value;
        var body = new TokenRequest { ClientId = settings.ClientId, ClientSecret = settings.ClientSecret, Code = code, RedirectUri = redirectUri };
        return SendAsync<FinchTokenResponse>("auth.token", FinchRequests.Create(HttpMethod.Post, "auth/token", body), cancellationToken);
    }

    /// <summary>GET /providers: every provider Finch supports, for building Connect links.</summary>
    public Task<FinchResult<IReadOnlyList<FinchProvider>>> ListProvidersAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<FinchProvider>>("providers.list",
            WithClientCredentials(FinchRequests.Create(HttpMethod.Get, "providers")), cancellationToken);

    /// <summary>
    /// POST /sandbox/connections: Finch's sandbox creates a connection without an employer going through Connect.
    /// Sandbox environment only; demo mode uses it so demo connections exist on the Finch side too.
    /// </summary>
    public Task<FinchResult<FinchSandboxConnection>> CreateSandboxConnectionAsync(
        FinchSandboxConnectionRequest connection, CancellationToken cancellationToken = default) =>
        SendAsync<FinchSandboxConnection>("sandbox.connections.create",
            WithClientCredentials(FinchRequests.Create(HttpMethod.Post, "sandbox/connections", connection)), cancellationToken);

    /// <summary>POST /sandbox/connections/accounts: adds another account (entity) to a sandbox company's connection.</summary>
    public Task<FinchResult<FinchSandboxConnection>> AddSandboxAccountAsync(
        FinchSandboxAccountRequest account, CancellationToken cancellationToken = default) =>
        SendAsync<FinchSandboxConnection>("sandbox.connections.accounts.create",
            WithClientCredentials(FinchRequests.Create(HttpMethod.Post, "sandbox/connections/accounts", account)), cancellationToken);

    private HttpRequestMessage WithClientCredentials(HttpRequestMessage request)
    {
        var settings = options.Value;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}")));
        return request;
    }

    private Task<FinchResult<T>> SendAsync<T>(string operation, HttpRequestMessage request, CancellationToken cancellationToken) =>
        FinchCall.SendAsync<T>(http, request, operation, logger, time, cancellationToken);

    /// <summary>A class rather than a record: a record's ToString would print the client secret and the code.</summary>
    private sealed class TokenRequest
    {
        public required string ClientId { get; init; }
        public required string ClientSecret { get; init; }
        public required string Code { get; init; }
        public string? RedirectUri { get; init; }
    }
}
