namespace FinchDashboard.Dashboard.Finch;

/// <summary>GET /introspect: the connection behind a token, deprecated fields included because they are still sent.</summary>
public sealed record FinchIntrospection(
    string? Id,
    string ClientId,
    string ClientType,
    string ConnectionId,
    FinchConnectionStatus ConnectionStatus,
    string ConnectionType,
    IReadOnlyList<string> Products,
    string ProviderId,
    string? AccountId,
    IReadOnlyList<FinchAuthenticationMethod> AuthenticationMethods,
    string? CompanyId,
    string? CustomerEmail,
    string? CustomerId,
    string? CustomerName,
    IReadOnlyList<FinchEntity>? Entities,
    bool Manual,
    string? PayrollProviderId,
    string? Username);

public sealed record FinchConnectionStatus(string? Status, string? Message, DateTimeOffset? LastSuccessfulSync);

public sealed record FinchAuthenticationMethod(string? Type, FinchConnectionStatus? ConnectionStatus, IReadOnlyList<string>? Products);

/// <summary>A company inside the provider account; disconnected entities stay listed with status <c>disconnected</c>.</summary>
public sealed record FinchEntity(string Id, string? Name, string? SourceId, string? Status);

/// <summary>POST /disconnect and /disconnect-entity answer <c>success</c>.</summary>
public sealed record FinchDisconnectResponse(string Status);

/// <summary>GET /employer/company. Finch sends null for whatever the provider does not know.</summary>
public sealed record FinchCompany(
    string Id,
    string? LegalName,
    string? Ein,
    FinchCompanyEntity? Entity,
    string? PrimaryEmail,
    string? PrimaryPhoneNumber,
    IReadOnlyList<FinchDepartment?>? Departments,
    IReadOnlyList<FinchLocation?>? Locations,
    IReadOnlyList<FinchBankAccount>? Accounts);

public sealed record FinchCompanyEntity(string? Type, string? Subtype);

public sealed record FinchDepartment(string? Name, FinchDepartmentParent? Parent);

public sealed record FinchDepartmentParent(string? Name);

public sealed record FinchLocation(string? Line1, string? Line2, string? City, string? State, string? PostalCode, string? Country);

public sealed record FinchBankAccount(string? AccountName, string? AccountNumber, string? AccountType, string? InstitutionName, string? RoutingNumber);

/// <summary>
/// POST /jobs/automated. Finch allows one forced refresh per hour: <see cref="JobId"/> is absent (and
/// <see cref="RetryAt"/> set) when none is left; a job already running is returned instead of a new one.
/// </summary>
public sealed record FinchAutomatedJobCreated(int AllowedRefreshes, int RemainingRefreshes, string? JobId, string? JobUrl, DateTimeOffset? RetryAt);

/// <summary>GET /jobs/automated/{id}. Status: pending, in_progress, complete, error, reauth_error or permissions_error.</summary>
public sealed record FinchAutomatedJob(
    string JobId,
    string? JobUrl,
    string Type,
    string Status,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// GET /jobs/automated: the connection's jobs, newest first, and its forced-refresh quota (<c>meta.quotas.data_sync_all</c>,
/// present for applications with Finch's refresh add-on).
/// </summary>
public sealed record FinchAutomatedJobList(IReadOnlyList<FinchAutomatedJob> Data, FinchAutomatedJobListMeta? Meta);

public sealed record FinchAutomatedJobListMeta(FinchAutomatedJobQuotas? Quotas);

public sealed record FinchAutomatedJobQuotas(FinchRefreshQuota? DataSyncAll);

public sealed record FinchRefreshQuota(int? AllowedRefreshes, int? RemainingRefreshes);

/// <summary>What Finch's sandbox returns after PUT /sandbox/connections/accounts.</summary>
public sealed record FinchSandboxAccountUpdated(string AccountId, string ConnectionId, string CompanyId, string ProviderId);
