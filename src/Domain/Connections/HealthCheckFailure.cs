namespace FinchDashboard.Domain.Connections;

/// <summary>Why a background /introspect of a live connection failed (Finch's "Mitigate Errors" guide).</summary>
public enum HealthCheckFailureKind
{
    ReauthRequired,
    Unauthorized,
    RateLimited,
    Pending,
    FinchError,
    Unreachable,
    TimedOut,
    Rejected,
    NoAccessToken,
    AccountSetupRequired,
}

/// <summary>One failed health check, kept so failures can be counted by kind over time.</summary>
public sealed class HealthCheckFailure
{
    public Guid Id { get; init; }

    public Guid ConnectionId { get; init; }

    public Guid EmployerId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public HealthCheckFailureKind Kind { get; init; }

    public string? Message { get; init; }

    public string? FinchRequestId { get; init; }
}
