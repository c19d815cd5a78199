using System.Security.Cryptography;
using System.Text;
using FinchDashboard.Dashboard.Finch;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Tokens;

/// <summary>
/// Seals access tokens with AES-256-GCM before they touch the database. Our own AES-GCM with keys from configuration
/// rather than Data Protection: the package that keeps Data Protection keys in the database is not available to us,
/// keys in configuration are shared by every instance without a key store, and the format is small and explicit.
/// The connection's id is authenticated data, so a sealed token copied onto another row does not open.
/// </summary>
public sealed class AccessTokenProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly TokenKey _current;
    private readonly Dictionary<string, byte[]> _keys;

    public AccessTokenProtector(IOptions<TokenEncryptionOptions> options)
    {
        var keys = options.Value.Keys.Select(Parse).ToList();
        if (keys.Count == 0)
        {
            throw new InvalidOperationException(
                $"{TokenEncryptionOptions.Section}:Keys is empty. Configure at least one \"id:base64\" AES-256 key (see README.md, Configuration).");
        }

        _current = keys[0];
        _keys = keys.ToDictionary(k => k.Id, k => k.Bytes, StringComparer.Ordinal);
    }

    public SealedAccessToken Seal(FinchAccessToken token, Guid connectionId)
    {
        var plaintext = Encoding.UTF8.GetBytes(token.Reveal());
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(_current.Bytes, TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(connectionId));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var sealedBytes = new byte[1 + NonceSize + TagSize + ciphertext.Length];
        sealedBytes[0] = FormatVersion;
        nonce.CopyTo(sealedBytes, 1);
        tag.CopyTo(sealedBytes, 1 + NonceSize);
        ciphertext.CopyTo(sealedBytes, 1 + NonceSize + TagSize);
        return new SealedAccessToken(_current.Id, sealedBytes);
    }

    /// <exception cref="CryptographicException">The key is unknown, or the bytes were altered or belong to another connection.</exception>
    public FinchAccessToken Open(SealedAccessToken sealedToken, Guid connectionId)
    {
        if (!_keys.TryGetValue(sealedToken.KeyId, out var key))
        {
            throw new CryptographicException($"Token key '{sealedToken.KeyId}' is not configured.");
        }

        var bytes = sealedToken.Ciphertext;
        if (bytes.Length < 1 + NonceSize + TagSize || bytes[0] != FormatVersion)
        {
            throw new CryptographicException("Sealed token has an unknown format.");
        }

        var nonce = bytes.AsSpan(1, NonceSize);
        var tag = bytes.AsSpan(1 + NonceSize, TagSize);
        var ciphertext = bytes.AsSpan(1 + NonceSize + TagSize);
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(connectionId));
        var token = new FinchAccessToken(Encoding.UTF8.GetString(plaintext));
        CryptographicOperations.ZeroMemory(plaintext);
        return token;
    }

    private static byte[] AssociatedData(Guid connectionId)
    {
        var data = new byte[16];
        connectionId.TryWriteBytes(data, bigEndian: true, out _);
        return data;
    }

    private static TokenKey Parse(string entry) =>
        TokenKey.TryParse(entry, out var key, out var problem) ? key : throw new InvalidOperationException(problem);
}

/// <summary>An access token as stored: which key sealed it and the sealed bytes. Nothing here reveals the token.</summary>
public sealed record SealedAccessToken(string KeyId, byte[] Ciphertext);
