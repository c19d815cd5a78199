using System.Security.Cryptography;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// A password the dashboard made up for an admin to pass on, shown to them once and stored nowhere but as Identity's
/// hash. <see cref="ToString"/> is redacted so a logged result never carries it.
/// </summary>
public sealed class OneTimePassword
{
    // No 0/O, 1/l/I: the admin reads it out or types it into a message.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const int GroupLength = 4;
    private const int Groups = 4;

    /// <summary>Its length with the hyphens: the longest minimum password length a generated password satisfies.</summary>
    public const int Length = GroupLength * Groups + Groups - 1;

    private OneTimePassword(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// Four groups of four joined by hyphens (19 characters): at least one upper-case letter, one lower-case letter and
    /// one digit, and the hyphens as symbols, so it passes Identity's rules with any minimum length up to <see cref="Length"/>.
    /// </summary>
    public static OneTimePassword Generate()
    {
        Span<char> characters = stackalloc char[GroupLength * Groups];
        characters[0] = RandomNumberGenerator.GetItems<char>(Upper, 1)[0];
        characters[1] = RandomNumberGenerator.GetItems<char>(Lower, 1)[0];
        characters[2] = RandomNumberGenerator.GetItems<char>(Digits, 1)[0];
        RandomNumberGenerator.GetItems<char>(Upper + Lower + Digits, characters[3..]);
        RandomNumberGenerator.Shuffle(characters);
        return new OneTimePassword(string.Join('-', characters.ToString().Chunk(GroupLength).Select(group => new string(group))));
    }

    public override string ToString() => "[one-time password]";
}
