using System.Linq.Expressions;
using FinchDashboard.Dashboard.Data;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// When a server-side sign-in session ends: <see cref="SecurityPolicyOptions.IdleTimeout"/> after it was last seen,
/// or <see cref="SecurityPolicyOptions.AbsoluteLifetime"/> after sign-in, whichever comes first.
/// </summary>
public sealed class SignInSessionPolicy(SecurityPolicyOptions options)
{
    /// <summary>
    /// A sighting is written down at most this often. One page load authenticates several requests (the page, its
    /// scripts and styles, the circuit), and recording each would turn every read of a session into a write; a minute
    /// is nothing against a 30-minute idle timeout, and costs at most one write per signed-in browser a minute. An open
    /// page reports its user's activity as often (<c>/account/activity</c>).
    /// </summary>
    public static readonly TimeSpan SightingInterval = TimeSpan.FromMinutes(1);

    public DateTimeOffset ExpiresAt(DateTimeOffset signedInAt) => signedInAt + options.AbsoluteLifetime;

    public bool IsLive(DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        now < expiresAt && now < lastSeenAt + options.IdleTimeout;

    public static bool IsSightingDue(DateTimeOffset lastSeenAt, DateTimeOffset now) => now - lastSeenAt >= SightingInterval;

    /// <summary>The sessions <see cref="IsLive"/> calls ended at <paramref name="now"/>, for deleting them in one statement.</summary>
    public Expression<Func<SignInSession, bool>> EndedAt(DateTimeOffset now)
    {
        var idleSince = now - options.IdleTimeout;
        return session => session.ExpiresAt <= now || session.LastSeenAt <= idleSince;
    }
}
