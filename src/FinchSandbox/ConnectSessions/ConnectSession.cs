namespace FinchDashboard.FinchSandbox.ConnectSessions;

public static class ConnectSessionStatuses
{
    public const string Created = "created";
    public const string Opened = "opened";
    public const string Completed = "completed";
    public const string Declined = "declined";
    public const string Expired = "expired";
}

/// <summary>
/// A Connect session and the user's progress through the hosted page. The page is server-rendered without
/// JavaScript, so everything the user chose so far lives here. Mutated only under SandboxStore.Gate.
/// </summary>
public sealed class ConnectSession
{
    public required string Id { get; init; }
    /// <summary><c>connect</c> for a new connection, <c>reauthenticate</c> for an existing one.</summary>
    public required string Type { get; init; }
    public string? CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string? CustomerEmail { get; init; }
    public required List<string> Products { get; init; }
    public string? IntegrationProvider { get; init; }
    public string? IntegrationAuthMethod { get; init; }
    public bool Manual { get; init; }
    public string? RedirectUri { get; init; }
    public string? Sandbox { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    /// <summary>For reauthentication: the connection being repaired. After completion: the resulting connection.</summary>
    public string? ConnectionId { get; set; }

    public string Status { get; set; } = ConnectSessionStatuses.Created;
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    // Progress through the hosted page.
    public bool ConsentGiven { get; set; }
    public string? ProviderId { get; set; }
    public string? AuthMethod { get; set; }
    public bool LoggedIn { get; set; }
    public string? Username { get; set; }
    /// <summary>Entities the provider "found" after login, as (id or null for new, name).</summary>
    public List<CandidateEntity> CandidateEntities { get; } = [];

    public bool IsReauthentication => Type == "reauthenticate";

    public bool IsFinished => Status is ConnectSessionStatuses.Completed or ConnectSessionStatuses.Declined;

    /// <summary>Expiry is evaluated on read, so no background sweeper is needed.</summary>
    public string EffectiveStatus(DateTimeOffset now) =>
        !IsFinished && now >= ExpiresAt ? ConnectSessionStatuses.Expired : Status;
}

/// <summary>An entity offered on the entity step; <see cref="ExistingEntityId"/> is set when reauth offers one back.</summary>
public sealed record CandidateEntity(string Key, string Name, string? ExistingEntityId, bool CurrentlyConnected);
