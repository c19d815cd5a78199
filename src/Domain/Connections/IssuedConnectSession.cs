namespace FinchDashboard.Domain.Connections;

public enum ConnectSessionKind
{
    /// <summary>POST /connect/sessions: a new connection, shown as a Staged row until the employer completes it.</summary>
    NewConnection,

    /// <summary>POST /connect/sessions/reauthenticate: repairs (or adds entities back to) a live connection.</summary>
    Reauthentication,
}

/// <summary>
/// A Finch Connect session we issued. Its <see cref="StateHash"/> is the SHA-256 of the state value carried in the
/// Connect link and returned on the redirect: the callback trusts a code only when it arrives with that state, once.
/// </summary>
public sealed class IssuedConnectSession
{
    public Guid Id { get; init; }

    public Guid EmployerId { get; init; }

    /// <summary>The Staged row for a new connection; the live connection being repaired for a reauthentication.</summary>
    public Guid ConnectionId { get; init; }

    public ConnectSessionKind Kind { get; init; }

    public required string FinchSessionId { get; init; }

    public required byte[] StateHash { get; init; }

    public required string ConnectUrl { get; init; }

    public required string RedirectUri { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsExpired(DateTimeOffset now) => CompletedAt is null && now >= ExpiresAt;

    /// <summary>The employer came back with a code for this session; its state is never accepted again.</summary>
    public void Complete(DateTimeOffset at)
    {
        if (CompletedAt is not null)
        {
            throw new InvalidOperationException("The Connect session was completed already; its state is accepted once.");
        }

        if (IsExpired(at))
        {
            throw new InvalidOperationException("The Connect session has expired.");
        }

        CompletedAt = at;
    }
}
