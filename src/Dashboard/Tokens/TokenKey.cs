using System.Diagnostics.CodeAnalysis;

namespace FinchDashboard.Dashboard.Tokens;

/// <summary>One <c>TokenEncryption:Keys</c> entry, <c>id:base64</c>, read into its id and its 32 AES-256 bytes.</summary>
public sealed record TokenKey(string Id, byte[] Bytes)
{
    public const int Length = 32;

    /// <summary>The key, or what is wrong with the entry, naming its id but never its value: the message reaches logs.</summary>
    public static bool TryParse(string entry, [NotNullWhen(true)] out TokenKey? key, [NotNullWhen(false)] out string? problem)
    {
        key = null;
        var separator = entry.IndexOf(':');
        if (separator <= 0)
        {
            problem = $"A {TokenEncryptionOptions.Section}:Keys entry is not \"id:base64\".";
            return false;
        }

        var id = entry[..separator];
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(entry[(separator + 1)..]);
        }
        catch (FormatException)
        {
            problem = $"{TokenEncryptionOptions.Section}:Keys entry '{id}' is not valid base64.";
            return false;
        }

        if (bytes.Length != Length)
        {
            problem = $"{TokenEncryptionOptions.Section}:Keys entry '{id}' must be {Length} bytes (AES-256), not {bytes.Length}.";
            return false;
        }

        key = new TokenKey(id, bytes);
        problem = null;
        return true;
    }
}
