using OtpNet;

namespace FinchDashboard.Tests;

/// <summary>
/// Codes an authenticator app could show, for tests that sign in with two-step sign-in. The dashboard accepts each code
/// once, and Identity accepts a code up to two 30-second steps ahead of the clock (for drift). So this hands out the
/// code of the nearest step not used yet, now or ahead, and waits for the next step only when all three are used:
/// consecutive sign-ins with one key do not each wait half a minute. Keep one per dashboard database: that is where
/// the used codes are remembered.
/// </summary>
public sealed class AuthenticatorApp
{
    private const int StepsAhead = 2;

    private readonly Dictionary<string, HashSet<long>> _usedSteps = [];

    /// <param name="key">The base32 key, as the enrolment page writes it out (spaces allowed).</param>
    public async Task<string> NextCodeAsync(string key)
    {
        var secret = Secret(key);
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        while (true)
        {
            var now = DateTime.UtcNow;
            var step = new DateTimeOffset(now).ToUnixTimeSeconds() / 30;
            lock (_usedSteps)
            {
                var used = _usedSteps.TryGetValue(secret, out var steps) ? steps : _usedSteps[secret] = [];
                used.RemoveWhere(s => s < step);
                for (var ahead = 0; ahead <= StepsAhead; ahead++)
                {
                    if (used.Add(step + ahead))
                    {
                        return totp.ComputeTotp(now.AddSeconds(30 * ahead));
                    }
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(totp.RemainingSeconds(now)) + TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>A code that is none of those Identity accepts for <paramref name="key"/> now (two steps either side).</summary>
    public static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(Secret(key)));
        var now = DateTime.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(offset => totp.ComputeTotp(now.AddSeconds(offset * 30))).ToHashSet();
        return Enumerable.Range(0, 10).Select(digit => new string((char)('0' + digit), 6)).First(code => !accepted.Contains(code));
    }

    private static string Secret(string key) => key.Replace(" ", "").ToUpperInvariant();
}
