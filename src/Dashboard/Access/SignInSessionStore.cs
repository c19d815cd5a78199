using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// The sign-in cookie's session store: tickets live in PostgreSQL as <see cref="SignInSession"/> rows and the cookie
/// carries only a row's id. Signing out deletes the row, so a copy of the cookie taken before opens nothing; so do
/// deactivation, a password reset, a role change and "sign out everywhere" (<see cref="EndAllAsync"/>). Every instance
/// reads the same rows, and a restart keeps everyone signed in.
/// </summary>
public sealed class SignInSessionStore(
    SystemData systemData,
    IDataProtectionProvider dataProtection,
    IOptions<SecurityPolicyOptions> options,
    TimeProvider clock,
    ILogger<SignInSessionStore> logger) : ITicketStore
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("FinchDashboard.SignInSessions");
    private readonly SignInSessionPolicy _policy = new(options.Value);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A sign-in without a user id cannot be stored.");
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();

        await using var db = await systemData.OpenAsync(cancellationToken);
        // Sign-ins are rare next to requests, so each clears away the sessions that ended unseen (a browser closed
        // without signing out): the table holds little more than the live sessions, with no sweeper to run.
        await db.SignInSessions.Where(_policy.EndedAt(now)).ExecuteDeleteAsync(cancellationToken);
        db.SignInSessions.Add(new SignInSession
        {
            Id = id,
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = _policy.ExpiresAt(now),
            Ticket = Protect(ticket, id),
        });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    /// <summary>
    /// The cookie handler renews when the security stamp check (once a minute) rebuilt the user's claims. The session
    /// keeps its absolute end; an id that is gone stays gone.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var protectedTicket = Protect(ticket, key);
        await using var db = await systemData.OpenAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == key).ExecuteUpdateAsync(session => session
            .SetProperty(s => s.Ticket, protectedTicket)
            .SetProperty(s => s.LastSeenAt, now), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    /// <summary>The live session's ticket, or null (the handler then treats the cookie as absent) when it ended.</summary>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await systemData.OpenAsync(cancellationToken);
        var session = await db.SignInSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (!_policy.IsLive(session.LastSeenAt, session.ExpiresAt, now))
        {
            await db.SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        if (SignInSessionPolicy.IsSightingDue(session.LastSeenAt, now))
        {
            await db.SignInSessions.Where(s => s.Id == key && s.LastSeenAt < now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return Unprotect(session.Ticket);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await systemData.OpenAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Whether an open circuit's session still stands: not signed out, ended by an admin, idle or too old.</summary>
    public async Task<bool> IsLiveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await systemData.OpenAsync(cancellationToken);
        var session = await db.SignInSessions.AsNoTracking()
            .Where(s => s.Id == key)
            .Select(s => new { s.LastSeenAt, s.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return session is not null && _policy.IsLive(session.LastSeenAt, session.ExpiresAt, clock.GetUtcNow());
    }

    /// <summary>
    /// Ends every session of the user but <paramref name="keep"/>, on <paramref name="db"/> so that it commits with
    /// the change that asked for it.
    /// </summary>
    public static Task<int> EndAllAsync(DashboardDbContext db, string userId, string? keep, CancellationToken cancellationToken) =>
        db.SignInSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// The ticket with the session's id added as a claim (<see cref="DashboardClaims.SessionId"/>): the principal the
    /// handler restores from it is what a circuit keeps, and the circuit re-checks its session by that id.
    /// </summary>
    private byte[] Protect(AuthenticationTicket ticket, string sessionId)
    {
        var identities = ticket.Principal.Identities.Select(identity => identity.Clone()).ToList();
        foreach (var identity in identities)
        {
            foreach (var claim in identity.FindAll(DashboardClaims.SessionId).ToList())
            {
                identity.RemoveClaim(claim);
            }
        }

        identities[0].AddClaim(new Claim(DashboardClaims.SessionId, sessionId));
        var stored = new AuthenticationTicket(new ClaimsPrincipal(identities), ticket.Properties, ticket.AuthenticationScheme);
        return _protector.Protect(TicketSerializer.Default.Serialize(stored));
    }

    private AuthenticationTicket? Unprotect(byte[] protectedTicket)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));
        }
        catch (CryptographicException ex)
        {
            // The key that protected it is gone from the ring: the session cannot be used, like a cookie from elsewhere.
            logger.LogWarning(ex, "A sign-in session could not be read: its Data Protection key is unknown");
            return null;
        }
    }
}
