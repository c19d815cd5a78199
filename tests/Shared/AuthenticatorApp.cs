using OtpNet;

namespace FinchDashboard.Tests;

/// <summary>
/// What a person's authenticator app shows, for tests that sign in with two-step sign-in. The dashboard accepts each
/// code once, so a second sign-in with the same key within one 30-second step waits for the app's next code, as a
/// person would. Keep one per dashboard database: that is where the used codes are remembered.
/// </summary>
public sealed class AuthenticatorApp
{
    private readonly Dictionary<string, long> _lastStepUsed = [];

    /// <param name="key">The base32 key, as the enrolment page writes it out (spaces allowed).</param>
    public async Task<string> NextCodeAsync(string key)
    {
        var secret = Secret(key);
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        while (true)
        {
            var now = DateTime.UtcNow;
            var step = new DateTimeOffset(now).ToUnixTimeSeconds() / 30;
            lock (_lastStepUsed)
            {
                if (!_lastStepUsed.TryGetValue(secret, out var last) || step > last)
                {
                    _lastStepUsed[secret] = step;
                    return totp.ComputeTotp(now);
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
