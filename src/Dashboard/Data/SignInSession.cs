namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// One signed-in browser, held on the server: the sign-in cookie carries only <see cref="Id"/>, so deleting the row
/// ends the session for every copy of that cookie.
/// </summary>
public sealed class SignInSession
{
    /// <summary>Random and unguessable (256 bits, base64url), the only thing the cookie refers to.</summary>
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the browser was last seen using it, recorded at most once a minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end: no use extends a session past it.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The authentication ticket (the user's claims), serialised and protected with Data Protection.</summary>
    public required byte[] Ticket { get; set; }
}
