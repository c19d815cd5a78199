using System.Security.Cryptography;
using FinchDashboard.FinchSandbox.ConnectSessions;
using FinchDashboard.FinchSandbox.Jobs;

namespace FinchDashboard.FinchSandbox.State;

/// <summary>
/// All emulator state, in memory. One coarse lock (<see cref="Gate"/>) guards every collection: operations touch
/// several of them at once (a disconnect revokes tokens and flips entities), contention is irrelevant for an emulator,
/// and a single lock keeps those invariants obviously true.
/// </summary>
public sealed class SandboxStore
{
    public object Gate { get; } = new();

    public Dictionary<string, Connection> Connections { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AccessToken> Tokens { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AuthorizationCode> Codes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ConnectSession> Sessions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AutomatedJob> Jobs { get; } = new(StringComparer.Ordinal);

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>Opaque secrets (tokens, codes) are random rather than GUIDs so they cannot be guessed from each other.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public AccessToken? FindUsableToken(string token)
    {
        lock (Gate)
        {
            return Tokens.TryGetValue(token, out var found) && !found.Revoked ? found : null;
        }
    }
}
