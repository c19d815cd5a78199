using FinchDashboard.Dashboard.Mfa;

namespace FinchDashboard.Unit.Mfa;

public class AuthenticatorSetupTests
{
    private const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    [Fact]
    public void The_key_is_written_in_groups_of_four_and_the_address_is_the_standard_otpauth_one()
    {
        var setup = AuthenticatorSetup.For(Key, "ada+admin@demo.local", "FinchDashboard (staging)");

        Assert.Equal("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", setup.SharedKey);
        Assert.Equal(
            "otpauth://totp/FinchDashboard%20%28staging%29:ada%2Badmin%40demo.local?secret=" + Key + "&issuer=FinchDashboard%20%28staging%29&digits=6",
            setup.Address);
    }

    [Fact]
    public void The_QR_code_is_an_inline_PNG()
    {
        var setup = AuthenticatorSetup.For(Key, "admin@demo.local", "FinchDashboard");

        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, setup.QrCodeImage);
        var png = Convert.FromBase64String(setup.QrCodeImage[prefix.Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("١٢٣٤٥٦", null)]
    [InlineData(null, null)]
    public void A_typed_code_is_six_digits_with_the_spaces_and_hyphens_apps_show(string? typed, string? code) =>
        Assert.Equal(code, AuthenticatorCode.Normalize(typed));
}
