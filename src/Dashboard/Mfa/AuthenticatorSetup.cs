using QRCoder;

namespace FinchDashboard.Dashboard.Mfa;

/// <summary>
/// What a person adds to their authenticator app: the key written out in groups of four, and as the standard
/// <c>otpauth://</c> address in a QR code. The QR code is a PNG drawn here and sent inline as a data: address, so the
/// secret never goes to another site and the page needs nothing beyond <c>img-src data:</c>.
/// </summary>
public sealed record AuthenticatorSetup(string SharedKey, string Address, string QrCodeImage)
{
    public static AuthenticatorSetup For(string key, string account, string issuer)
    {
        var escapedIssuer = Uri.EscapeDataString(issuer);
        var address = $"otpauth://totp/{escapedIssuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={escapedIssuer}&digits={AuthenticatorCode.Length}";
        using var qrCode = QRCodeGenerator.GenerateQrCode(address, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(qrCode).GetGraphic(pixelsPerModule: 5);
        return new AuthenticatorSetup(
            string.Join(' ', key.Chunk(4).Select(group => new string(group))),
            address,
            "data:image/png;base64," + Convert.ToBase64String(png));
    }
}
