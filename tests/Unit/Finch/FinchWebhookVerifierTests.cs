using System.Security.Cryptography;
using System.Text;
using FinchDashboard.Dashboard.Finch;
using Microsoft.AspNetCore.Http;

namespace FinchDashboard.Unit.Finch;

public class FinchWebhookVerifierTests
{
    private const string EventId = "msg_2f1c0a";
    private const string Body = """{"connection_id":"c1","event_type":"account.updated","data":{"status":"connected"}}""";

    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Current = Secret("current-secret");
    private static readonly string Previous = Secret("previous-secret");

    private static string Secret(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Sign(string secret, string eventId, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{body}")));

    private static FinchWebhookVerifier Verifier(params string[] secrets) =>
        new(Microsoft.Extensions.Options.Options.Create(FinchClients.Options(o => o.WebhookSecrets = secrets)), new FixedTimeProvider(Now));

    private static long Timestamp(TimeSpan offset = default) => (Now + offset).ToUnixTimeSeconds();

    [Fact]
    public void A_webhook_signed_with_the_configured_secret_is_valid()
    {
        var ts = Timestamp();
        var result = Verifier(Current).Verify(Body, EventId, ts.ToString(), Sign(Current, EventId, ts, Body));

        Assert.True(result.IsValid);
        Assert.Null(result.Rejection);
    }

    [Fact]
    public void Raw_bytes_and_request_headers_verify_the_same_way()
    {
        var ts = Timestamp();
        var headers = new HeaderDictionary
        {
            [FinchHeaders.WebhookEventId] = EventId,
            [FinchHeaders.WebhookTimestamp] = ts.ToString(),
            [FinchHeaders.WebhookSignature] = Sign(Current, EventId, ts, Body),
        };

        Assert.True(Verifier(Current).Verify(Encoding.UTF8.GetBytes(Body), headers).IsValid);
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var ts = Timestamp();
        var signature = Sign(Current, EventId, ts, Body);

        var result = Verifier(Current).Verify(Body.Replace("connected", "reauth"), EventId, ts.ToString(), signature);

        Assert.Equal(WebhookRejection.NoMatchingSignature, result.Rejection);
    }

    [Fact]
    public void A_changed_event_id_is_refused_because_the_id_is_signed_too()
    {
        var ts = Timestamp();
        var result = Verifier(Current).Verify(Body, "msg_other", ts.ToString(), Sign(Current, EventId, ts, Body));

        Assert.Equal(WebhookRejection.NoMatchingSignature, result.Rejection);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        var ts = Timestamp();
        var result = Verifier(Current).Verify(Body, EventId, ts.ToString(), Sign(Secret("attacker"), EventId, ts, Body));

        Assert.Equal(WebhookRejection.NoMatchingSignature, result.Rejection);
    }

    [Fact]
    public void During_rotation_the_second_configured_secret_verifies()
    {
        var ts = Timestamp();
        var result = Verifier(Current, Previous).Verify(Body, EventId, ts.ToString(), Sign(Previous, EventId, ts, Body));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void During_rotation_a_match_in_the_second_of_two_signatures_verifies()
    {
        var ts = Timestamp();
        var header = $"{Sign(Secret("retired"), EventId, ts, Body)} {Sign(Current, EventId, ts, Body)}";

        Assert.True(Verifier(Current).Verify(Body, EventId, ts.ToString(), header).IsValid);
    }

    [Fact]
    public void Signatures_of_other_versions_and_garbage_entries_are_skipped()
    {
        var ts = Timestamp();
        var header = $"v2,{Convert.ToBase64String(new byte[32])} v1,not-base64!! {Sign(Current, EventId, ts, Body)}";

        Assert.True(Verifier(Current).Verify(Body, EventId, ts.ToString(), header).IsValid);
    }

    [Theory]
    [InlineData(-301, WebhookRejection.TimestampTooOld)]
    [InlineData(301, WebhookRejection.TimestampInFuture)]
    public void Timestamps_more_than_five_minutes_away_are_refused_even_when_signed(int seconds, WebhookRejection expected)
    {
        var ts = Timestamp(TimeSpan.FromSeconds(seconds));
        var result = Verifier(Current).Verify(Body, EventId, ts.ToString(), Sign(Current, EventId, ts, Body));

        Assert.Equal(expected, result.Rejection);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void Timestamps_within_five_minutes_are_accepted(int seconds)
    {
        var ts = Timestamp(TimeSpan.FromSeconds(seconds));

        Assert.True(Verifier(Current).Verify(Body, EventId, ts.ToString(), Sign(Current, EventId, ts, Body)).IsValid);
    }

    [Theory]
    [InlineData(null, "1", "v1,x", WebhookRejection.MissingEventId)]
    [InlineData("", "1", "v1,x", WebhookRejection.MissingEventId)]
    [InlineData("msg", null, "v1,x", WebhookRejection.MissingTimestamp)]
    [InlineData("msg", "1", null, WebhookRejection.MissingSignature)]
    [InlineData("msg", "1", " ", WebhookRejection.MissingSignature)]
    [InlineData("msg", "yesterday", "v1,x", WebhookRejection.MalformedTimestamp)]
    [InlineData("msg", "-5", "v1,x", WebhookRejection.MalformedTimestamp)]
    [InlineData("msg", "1.5", "v1,x", WebhookRejection.MalformedTimestamp)]
    [InlineData("msg", "99999999999999999999", "v1,x", WebhookRejection.MalformedTimestamp)]
    public void Missing_or_garbled_headers_say_which(string? eventId, string? timestamp, string? signature, WebhookRejection expected)
    {
        Assert.Equal(expected, Verifier(Current).Verify(Body, eventId, timestamp, signature).Rejection);
    }

    [Theory]
    [InlineData("v1,%%%")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,c2hvcnQ=")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void A_signature_header_without_a_readable_v1_signature_is_malformed(string header)
    {
        Assert.Equal(WebhookRejection.MalformedSignature, Verifier(Current).Verify(Body, EventId, Timestamp().ToString(), header).Rejection);
    }
}
