using System.Security.Cryptography;
using System.Text;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Tokens;

public class AccessTokenProtectorTests
{
    private static readonly string KeyA = "a:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = "b:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly FinchAccessToken Token = new("sandbox-token-1234567890");

    private static AccessTokenProtector Protector(params string[] keys) =>
        new(Options.Create(new TokenEncryptionOptions { Keys = [.. keys] }));

    [Fact]
    public void A_sealed_token_opens_for_its_connection_and_hides_the_value()
    {
        var connectionId = Guid.NewGuid();
        var protector = Protector(KeyA);

        var sealedToken = protector.Seal(Token, connectionId);

        Assert.Equal("a", sealedToken.KeyId);
        Assert.True(sealedToken.Ciphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Token.Reveal())) < 0);
        Assert.Equal(Token.Reveal(), protector.Open(sealedToken, connectionId).Reveal());
    }

    [Fact]
    public void Sealing_twice_gives_different_bytes() =>
        Assert.NotEqual(Protector(KeyA).Seal(Token, Guid.Empty).Ciphertext, Protector(KeyA).Seal(Token, Guid.Empty).Ciphertext);

    [Fact]
    public void A_token_copied_to_another_connection_does_not_open()
    {
        var protector = Protector(KeyA);
        var sealedToken = protector.Seal(Token, Guid.NewGuid());

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedToken, Guid.NewGuid()));
    }

    [Fact]
    public void An_altered_byte_is_detected()
    {
        var connectionId = Guid.NewGuid();
        var protector = Protector(KeyA);
        var sealedToken = protector.Seal(Token, connectionId);
        sealedToken.Ciphertext[^1] ^= 0x01;

        Assert.ThrowsAny<CryptographicException>(() => protector.Open(sealedToken, connectionId));
    }

    [Fact]
    public void After_rotation_new_tokens_use_the_new_key_and_old_ones_still_open()
    {
        var connectionId = Guid.NewGuid();
        var old = Protector(KeyA).Seal(Token, connectionId);
        var rotated = Protector(KeyB, KeyA);

        Assert.Equal(Token.Reveal(), rotated.Open(old, connectionId).Reveal());
        Assert.Equal("b", rotated.Seal(Token, connectionId).KeyId);
    }

    [Fact]
    public void A_retired_key_no_longer_opens_its_tokens()
    {
        var connectionId = Guid.NewGuid();
        var old = Protector(KeyA).Seal(Token, connectionId);

        var error = Assert.Throws<CryptographicException>(() => Protector(KeyB).Open(old, connectionId));
        Assert.Contains("'a'", error.Message);
    }

    [Theory]
    [InlineData("no-separator")]
    [InlineData("k:not base64!")]
    [InlineData("k:AAAA")]
    public void Bad_keys_are_refused_with_a_message_that_does_not_echo_them(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Protector(entry));

        Assert.Contains("TokenEncryption:Keys", error.Message);
        Assert.DoesNotContain("AAAA", error.Message);
    }

    [Fact]
    public void No_keys_at_all_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => Protector());
}
