using FinchDashboard.Domain.Finch;

namespace FinchDashboard.Domain.Connections;

/// <summary>What Finch's /introspect reports about a connection, in the dashboard's terms.</summary>
/// <param name="Status">Null when Finch sends a status the dashboard does not know: the one held stays.</param>
public sealed record ConnectionIntrospection(
    string FinchConnectionId,
    ConnectionStatus? Status,
    string? StatusMessage,
    string? CompanyId,
    string? ProviderId,
    IReadOnlyList<string> Products,
    string? CustomerId,
    string? CustomerName,
    ConnectionType ConnectionType,
    DateTimeOffset? LastSyncedAt,
    IReadOnlyList<IntrospectedEntity> Entities,
    IntrospectedAccount? Account = null)
{
    /// <summary>The environment Finch says the connection lives in (its <c>client_type</c>); null when unknown.</summary>
    public FinchEnvironment? Environment { get; init; }
}

/// <summary>One entity as /introspect reports it; <see cref="Status"/> is Finch's word for it, known to us or not.</summary>
public sealed record IntrospectedEntity(string FinchEntityId, string? Name, string? SourceId, string Status);

/// <summary>
/// What /introspect says about the provider account behind the token, for support: Finch's <c>connection_type</c>
/// (<c>provider</c> for a real provider, <c>finch</c> for data Finch's sandbox makes up), <c>manual</c> (Assisted
/// Connect) and the <c>username</c> the employer signed in to the provider with. Finch's words are kept as sent, so support reads what Finch support reads.
/// </summary>
public sealed record IntrospectedAccount(string? ConnectionType, bool? Manual, string? Username)
{
    /// <summary>Room for Finch's values with margin; a username is the provider's, whatever its length.</summary>
    /// <summary>The <c>connection_type</c> of a connection whose data Finch's sandbox makes up, not a real provider's.</summary>
    public const string FinchGeneratedData = "finch";

    public const int ConnectionTypeMaxLength = 32;

    public const int UsernameMaxLength = 320;
}
