namespace FinchDashboard.Dashboard.Tokens;

public sealed class TokenEncryptionOptions
{
    public const string Section = "TokenEncryption";

    /// <summary>
    /// AES-256 keys as "id:base64" (32 bytes each), newest first. New tokens are sealed with the first; older ids
    /// stay readable, so a key is rotated by putting a new one in front and retired once no token uses it.
    /// </summary>
    public List<string> Keys { get; set; } = [];
}
