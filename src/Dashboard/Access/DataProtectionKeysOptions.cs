using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FinchDashboard.Dashboard.Access;

/// <summary>
/// How the keys protecting sign-in cookies, sessions and antiforgery tokens are kept. They live in the dashboard's
/// database, so every instance shares them and a restart keeps everyone signed in; a certificate, when configured,
/// encrypts them there, so reading the database alone does not reveal them.
/// </summary>
public sealed class DataProtectionKeysOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with a private key; unset, the keys are stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The configured certificate, or null; a file that cannot be used fails start-up naming the key.</summary>
    public X509Certificate2? LoadCertificate()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{Section}:CertificatePath '{CertificatePath}' could not be read as a PKCS#12 file with {Section}:CertificatePassword: {ex.Message}", ex);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{Section}:CertificatePath '{CertificatePath}' has no private key, so it could not decrypt the keys it protects.");
    }
}
