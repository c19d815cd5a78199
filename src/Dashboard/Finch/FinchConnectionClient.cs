using System.Net.Http.Headers;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>
/// Finch calls made on behalf of one connection, authenticated with its access token (Bearer), passed per call
/// because one dashboard serves many connections.
/// </summary>
public sealed class FinchConnectionClient(HttpClient http, TimeProvider time, ILogger<FinchConnectionClient> logger)
{
    public const string DataSyncAll = "data_sync_all";

    /// <summary>GET /introspect: answers in every connection status, so it is how a reauth need is discovered.</summary>
    public Task<FinchResult<FinchIntrospection>> IntrospectAsync(FinchAccessToken token, CancellationToken cancellationToken = default) =>
        SendAsync<FinchIntrospection>("introspect", token, FinchRequests.Create(HttpMethod.Get, "introspect"), cancellationToken);

    /// <summary>
    /// POST /disconnect: ends the employer's connection on this provider and revokes all its tokens; afterwards every
    /// call with them is <see cref="FinchFailure.Unauthorized"/>. Not retried after a 5xx, which may have disconnected.
    /// </summary>
    public Task<FinchResult<FinchDisconnectResponse>> DisconnectAsync(FinchAccessToken token, CancellationToken cancellationToken = default) =>
        SendAsync<FinchDisconnectResponse>("disconnect", token, FinchRequests.Create(HttpMethod.Post, "disconnect"), cancellationToken);

    /// <summary>POST /disconnect-entity: disconnects only these entities; the token and other entities stay.</summary>
    public Task<FinchResult<FinchDisconnectResponse>> DisconnectEntitiesAsync(
        FinchAccessToken token, IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(entityIds.Count);
        return SendAsync<FinchDisconnectResponse>("disconnect-entity", token,
            FinchRequests.Create(HttpMethod.Post, "disconnect-entity", new DisconnectEntityRequest(entityIds)), cancellationToken);
    }

    /// <summary>GET /employer/company, of one entity for multi-entity connections (the first connected one when null).</summary>
    public Task<FinchResult<FinchCompany>> GetCompanyAsync(FinchAccessToken token, string? entityId = null, CancellationToken cancellationToken = default)
    {
        var path = entityId is null ? "employer/company" : $"employer/company?entity_ids={Uri.EscapeDataString(entityId)}";
        return SendAsync<FinchCompany>("employer.company", token, FinchRequests.Create(HttpMethod.Get, path), cancellationToken);
    }

    /// <summary>
    /// POST /jobs/automated with data_sync_all. Safe to retry: while a sync runs Finch returns that job rather than
    /// starting another.
    /// </summary>
    public Task<FinchResult<FinchAutomatedJobCreated>> CreateDataSyncJobAsync(FinchAccessToken token, CancellationToken cancellationToken = default) =>
        SendAsync<FinchAutomatedJobCreated>("jobs.automated.create", token,
            FinchRequests.Create(HttpMethod.Post, "jobs/automated", new CreateJobRequest(DataSyncAll), retrySafe: true), cancellationToken);

    /// <summary>
    /// PUT /sandbox/connections/accounts: moves a sandbox connection into a status (reauth, pending, ...).
    /// Sandbox environment only; demo mode uses it to give demo connections their varied states.
    /// </summary>
    public Task<FinchResult<FinchSandboxAccountUpdated>> SetSandboxConnectionStatusAsync(
        FinchAccessToken token, string connectionStatus, CancellationToken cancellationToken = default) =>
        SendAsync<FinchSandboxAccountUpdated>("sandbox.connections.accounts.update", token,
            FinchRequests.Create(HttpMethod.Put, "sandbox/connections/accounts", new SandboxStatusRequest(connectionStatus)), cancellationToken);

    /// <summary>GET /jobs/automated: the connection's newest <paramref name="limit"/> automated jobs and its refresh quota.</summary>
    public Task<FinchResult<FinchAutomatedJobList>> ListAutomatedJobsAsync(FinchAccessToken token, int limit, CancellationToken cancellationToken = default) =>
        SendAsync<FinchAutomatedJobList>("jobs.automated.list", token,
            FinchRequests.Create(HttpMethod.Get, $"jobs/automated?limit={limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}"), cancellationToken);

    /// <summary>GET /jobs/automated/{job_id}.</summary>
    public Task<FinchResult<FinchAutomatedJob>> GetAutomatedJobAsync(FinchAccessToken token, string jobId, CancellationToken cancellationToken = default) =>
        SendAsync<FinchAutomatedJob>("jobs.automated.read", token,
            FinchRequests.Create(HttpMethod.Get, $"jobs/automated/{Uri.EscapeDataString(jobId)}"), cancellationToken);

    private Task<FinchResult<T>> SendAsync<T>(string operation, FinchAccessToken token, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Reveal());
        return FinchCall.SendAsync<T>(http, request, operation, logger, time, cancellationToken);
    }

    private sealed record DisconnectEntityRequest(IReadOnlyCollection<string> EntityIds);

    private sealed record CreateJobRequest(string Type);

    private sealed record SandboxStatusRequest(string ConnectionStatus);
}
