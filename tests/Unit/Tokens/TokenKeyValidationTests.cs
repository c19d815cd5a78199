using System.Security.Cryptography;
using FinchDashboard.Dashboard.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Tokens;

/// <summary>AddTokens as the dashboard calls it: the keys are checked at start-up, and stricter outside Development.</summary>
public class TokenKeyValidationTests
{
    private static readonly string OwnKey = "2026-12:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static ServiceProvider Services(string environment, IConfiguration configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddTokens();
        return builder.Services.BuildServiceProvider();
    }

    private static ServiceProvider Services(string environment, params string[] keys) =>
        Services(environment, new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select((key, i) => KeyValuePair.Create($"TokenEncryption:Keys:{i}", (string?)key)))
            .Build());

    private static OptionsValidationException Refusal(ServiceProvider services) =>
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TokenEncryptionOptions>>().Value);

    private static IConfiguration DevelopmentSettings() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")).Build();

    [Fact]
    public void Outside_development_the_committed_development_key_is_refused_naming_its_entry()
    {
        using var services = Services("Production", DevelopmentSettings());

        Assert.Equal(
            ["TokenEncryption:Keys entry 'dev-2026-11' is the development key published with the source; generate a key of 32 random bytes."],
            Refusal(services).Failures);
    }

    [Fact]
    public void The_development_key_under_another_id_is_refused_too()
    {
        var developmentKey = DevelopmentSettings()["TokenEncryption:Keys:0"]!;
        using var services = Services("Production", OwnKey, "renamed:" + developmentKey[(developmentKey.IndexOf(':') + 1)..]);

        Assert.Equal(
            ["TokenEncryption:Keys entry 'renamed' is the development key published with the source; generate a key of 32 random bytes."],
            Refusal(services).Failures);
    }

    [Fact]
    public void In_development_the_committed_key_serves()
    {
        using var services = Services("Development", DevelopmentSettings());

        Assert.Single(services.GetRequiredService<IOptions<TokenEncryptionOptions>>().Value.Keys);
    }

    [Fact]
    public void Outside_development_a_key_of_ones_own_serves()
    {
        using var services = Services("Production", OwnKey);

        Assert.Equal([OwnKey], services.GetRequiredService<IOptions<TokenEncryptionOptions>>().Value.Keys);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void A_key_shorter_than_32_bytes_is_refused_at_start_up_without_echoing_it(string environment)
    {
        using var services = Services(environment, OwnKey, "short:" + Convert.ToBase64String(new byte[16]));

        var failure = Assert.Single(Refusal(services).Failures);
        Assert.Equal("TokenEncryption:Keys entry 'short' must be 32 bytes (AES-256), not 16.", failure);
    }

    [Fact]
    public void No_key_at_all_is_refused_at_start_up() =>
        Assert.StartsWith("TokenEncryption:Keys needs at least one", Assert.Single(Refusal(Services("Production")).Failures));
}
