namespace FinchDashboard.Dashboard.Mfa;

/// <summary>
/// Codes that each sign in once instead of an authenticator code, for a lost phone. Shown to their owner once; Identity
/// keeps them with the user. <see cref="ToString"/> is redacted so a logged result never carries them.
/// </summary>
public sealed class RecoveryCodes(IEnumerable<string> values)
{
    /// <summary>As many as Identity's own pages hand out.</summary>
    public const int Count = 10;

    public IReadOnlyList<string> Values { get; } = [.. values];

    public override string ToString() => "[recovery codes]";
}
