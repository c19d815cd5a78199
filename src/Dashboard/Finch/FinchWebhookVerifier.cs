using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Finch;

/// <summary>Why a webhook was refused.</summary>
public enum WebhookRejection
{
    MissingEventId,
    MissingTimestamp,
    MissingSignature,
    /// <summary>Finch-Timestamp is not unix seconds.</summary>
    MalformedTimestamp,
    /// <summary>More than <see cref="FinchWebhookVerifier.Tolerance"/> in the past: possibly a replay.</summary>
    TimestampTooOld,
    /// <summary>More than <see cref="FinchWebhookVerifier.Tolerance"/> in the future.</summary>
    TimestampInFuture,
    /// <summary>Finch-Signature holds no readable <c>v1,&lt;base64&gt;</c> entry.</summary>
    MalformedSignature,
    /// <summary>Well-formed, but no signature matches any configured secret: forged, altered, or signed with an unknown secret.</summary>
    NoMatchingSignature,
}

/// <summary>The verdict on one webhook: valid, or the <see cref="Rejection"/> that says why not.</summary>
public sealed record WebhookVerification(WebhookRejection? Rejection)
{
    public static WebhookVerification Valid { get; } = new((WebhookRejection?)null);

    public bool IsValid => Rejection is null;
}

/// <summary>
/// Verifies Finch's webhook signatures (Finch's "Webhooks" guide, "Webhook Verification"): base64 HMAC-SHA256 of
/// <c>{Finch-Event-Id}.{Finch-Timestamp}.{raw body}</c> keyed with the base64-decoded secret, sent in Finch-Signature
/// as space-separated <c>v1,&lt;signature&gt;</c> entries. Any entry matching any configured secret is accepted, so
/// both sides of a secret rotation verify. Timestamps further than 5 minutes from now are refused against replays.
/// </summary>
public sealed class FinchWebhookVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string SignatureVersion = "v1,";

    private readonly byte[][] _keys;
    private readonly TimeProvider _time;

    public FinchWebhookVerifier(IOptions<FinchOptions> options, TimeProvider time)
    {
        _keys = [.. options.Value.WebhookSecrets.Select(Convert.FromBase64String)];
        _time = time;
    }

    /// <summary>Verifies a request as received; <paramref name="body"/> must be the raw bytes, before any parsing.</summary>
    public WebhookVerification Verify(ReadOnlySpan<byte> body, IHeaderDictionary headers) =>
        Verify(body, headers[FinchHeaders.WebhookEventId].ToString(), headers[FinchHeaders.WebhookTimestamp].ToString(),
            headers[FinchHeaders.WebhookSignature].ToString());

    public WebhookVerification Verify(string body, string? eventId, string? timestamp, string? signature) =>
        Verify(Encoding.UTF8.GetBytes(body), eventId, timestamp, signature);

    public WebhookVerification Verify(ReadOnlySpan<byte> body, string? eventId, string? timestamp, string? signature)
    {
        if (string.IsNullOrWhiteSpace(eventId)) return new(WebhookRejection.MissingEventId);
        if (string.IsNullOrWhiteSpace(timestamp)) return new(WebhookRejection.MissingTimestamp);
        if (string.IsNullOrWhiteSpace(signature)) return new(WebhookRejection.MissingSignature);
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds)
            || unixSeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return new(WebhookRejection.MalformedTimestamp);
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        if (age > Tolerance) return new(WebhookRejection.TimestampTooOld);
        if (age < -Tolerance) return new(WebhookRejection.TimestampInFuture);

        var candidates = ParseSignatures(signature);
        if (candidates.Count == 0) return new(WebhookRejection.MalformedSignature);

        var prefix = Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.");
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var key in _keys)
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            // Every candidate is compared in constant time, and none short-circuits on content.
            var matched = false;
            foreach (var candidate in candidates)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
            if (matched) return WebhookVerification.Valid;
        }
        return new(WebhookRejection.NoMatchingSignature);
    }

    /// <summary>The decoded v1 signatures; other versions and undecodable entries are skipped, as Finch's guide allows.</summary>
    private static List<byte[]> ParseSignatures(string header)
    {
        var signatures = new List<byte[]>();
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith(SignatureVersion, StringComparison.Ordinal)) continue;
            var encoded = entry[SignatureVersion.Length..];
            var buffer = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, buffer, out var written) && written == HMACSHA256.HashSizeInBytes)
            {
                signatures.Add(buffer[..written]);
            }
        }
        return signatures;
    }
}
