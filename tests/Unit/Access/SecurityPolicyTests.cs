using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Telemetry;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Access;

/// <summary>
/// AddAccess as the dashboard calls it: the SecurityPolicy section reaches Identity, the sign-in cookie and its
/// sessions, and the DataProtection section the key ring.
/// </summary>
public class SecurityPolicyTests
{
    /// <summary>In Development, where cookies keep the names configured; <see cref="SecureCookiesTests"/> covers the others.</summary>
    private static ServiceProvider Services(params (string Key, string Value)[] settings) => Services(Environments.Development, settings);

    internal static ServiceProvider Services(string environment, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        // The session store stands on the database; nothing here connects to it.
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("ConnectionStrings:Dashboard", (string?)"Host=127.0.0.1;Port=1")]);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.Services.AddSingleton(TimeProvider.System);
        // Data counts the changes it announces on the dashboard's meters.
        builder.AddDashboardTelemetry();
        builder.AddDashboardData();
        builder.AddAccess();
        return builder.Services.BuildServiceProvider();
    }

    private static IdentityOptions Identity(ServiceProvider services) => services.GetRequiredService<IOptions<IdentityOptions>>().Value;

    private static CookieAuthenticationOptions SignInCookie(ServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

    [Fact]
    public void Without_configuration_the_policy_is_todays()
    {
        using var services = Services();

        var identity = Identity(services);
        Assert.Equal((5, TimeSpan.FromMinutes(15), 12), (identity.Lockout.MaxFailedAccessAttempts, identity.Lockout.DefaultLockoutTimeSpan, identity.Password.RequiredLength));
        Assert.True(identity.Lockout.AllowedForNewUsers);
        Assert.True(identity.User.RequireUniqueEmail);
        var cookie = SignInCookie(services);
        Assert.Equal(("finch_dashboard", TimeSpan.FromHours(12), false), (cookie.Cookie.Name, cookie.ExpireTimeSpan, cookie.SlidingExpiration));
        Assert.Equal(("/account/login", "/account/access-denied"), (cookie.LoginPath.Value, cookie.AccessDeniedPath.Value));
        Assert.IsType<SignInSessionStore>(cookie.SessionStore);
        var policy = services.GetRequiredService<IOptions<SecurityPolicyOptions>>().Value;
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(12)), (policy.IdleTimeout, policy.AbsoluteLifetime));
    }

    [Fact]
    public void Configured_values_reach_identity_and_the_sign_in_cookie()
    {
        using var services = Services(
            ("SecurityPolicy:MaxFailedSignInAttempts", "3"),
            ("SecurityPolicy:LockoutDuration", "01:00:00"),
            ("SecurityPolicy:MinPasswordLength", "16"),
            ("SecurityPolicy:IdleTimeout", "00:15:00"),
            ("SecurityPolicy:AbsoluteLifetime", "08:00:00"),
            ("SecurityPolicy:CookieName", "finch_dashboard_staging"));

        var identity = Identity(services);
        Assert.Equal((3, TimeSpan.FromHours(1), 16), (identity.Lockout.MaxFailedAccessAttempts, identity.Lockout.DefaultLockoutTimeSpan, identity.Password.RequiredLength));
        var cookie = SignInCookie(services);
        Assert.Equal(("finch_dashboard_staging", TimeSpan.FromHours(8)), (cookie.Cookie.Name, cookie.ExpireTimeSpan));
        Assert.Equal(TimeSpan.FromMinutes(15), services.GetRequiredService<IOptions<SecurityPolicyOptions>>().Value.IdleTimeout);
    }

    [Theory]
    [InlineData("SecurityPolicy:MaxFailedSignInAttempts", "0", "SecurityPolicy:MaxFailedSignInAttempts must be at least 1.")]
    [InlineData("SecurityPolicy:LockoutDuration", "00:00:00", "SecurityPolicy:LockoutDuration must be positive.")]
    [InlineData("SecurityPolicy:MinPasswordLength", "7", "SecurityPolicy:MinPasswordLength must be between 8 and 19 (the length of a generated password).")]
    [InlineData("SecurityPolicy:MinPasswordLength", "20", "SecurityPolicy:MinPasswordLength must be between 8 and 19 (the length of a generated password).")]
    [InlineData("SecurityPolicy:IdleTimeout", "00:01:00", "SecurityPolicy:IdleTimeout must be at least 00:02:00: use of a session is recorded once a minute.")]
    [InlineData("SecurityPolicy:AbsoluteLifetime", "00:29:00", "SecurityPolicy:AbsoluteLifetime must be at least SecurityPolicy:IdleTimeout.")]
    [InlineData("SecurityPolicy:CookieName", " ", "SecurityPolicy:CookieName must not be empty.")]
    [InlineData("SecurityPolicy:AntiforgeryCookieName", "", "SecurityPolicy:AntiforgeryCookieName must not be empty.")]
    public void A_value_out_of_range_is_named_at_start_up(string key, string value, string failure)
    {
        using var services = Services((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SecurityPolicyOptions>>().Value);

        Assert.Equal([failure], error.Failures);
    }

    [Fact]
    public void A_configured_certificate_encrypts_the_key_ring_where_it_is_stored()
    {
        using var certificate = TemporaryCertificate(out var path, "pfx-password");
        try
        {
            using var services = Services(("DataProtection:CertificatePath", path), ("DataProtection:CertificatePassword", "pfx-password"));

            var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor;

            Assert.IsType<CertificateXmlEncryptor>(encryptor);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_a_certificate_the_keys_are_stored_as_they_are()
    {
        using var services = Services();

        Assert.Null(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor);
    }

    [Fact]
    public void A_certificate_that_cannot_be_opened_fails_start_up_naming_the_key()
    {
        using var certificate = TemporaryCertificate(out var path, "pfx-password");
        try
        {
            var wrongPassword = Assert.Throws<InvalidOperationException>(() =>
                Services(("DataProtection:CertificatePath", path), ("DataProtection:CertificatePassword", "not-it")));
            var missing = Assert.Throws<InvalidOperationException>(() => Services(("DataProtection:CertificatePath", path + ".missing")));

            Assert.StartsWith("DataProtection:CertificatePath", wrongPassword.Message);
            Assert.StartsWith("DataProtection:CertificatePath", missing.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static X509Certificate2 TemporaryCertificate(out string path, string password)
    {
        using var key = RSA.Create(2048);
        var certificate = new CertificateRequest("CN=FinchDashboard keys", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        path = Path.Combine(Path.GetTempPath(), $"finch-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return certificate;
    }

    [Fact]
    public void A_generated_password_is_as_long_as_the_longest_minimum_allowed()
    {
        Assert.Equal(OneTimePassword.Length, OneTimePassword.Generate().Value.Length);
    }
}
