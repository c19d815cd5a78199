using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Finch;

/// <summary>AddFinch as the dashboard calls it: configuration binding, start-up validation, the wired clients.</summary>
public class FinchRegistrationTests
{
    private static readonly string SecretA = Convert.ToBase64String("secret-a"u8.ToArray());
    private static readonly string SecretB = Convert.ToBase64String("secret-b"u8.ToArray());
    private static readonly string LongSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Development unless told otherwise: the settings below point at the emulator over plain http, as ./run.sh does.</summary>
    private static ServiceProvider Services(Dictionary<string, string?> settings, StubFinchHandler? stub = null, string environment = "Development")
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFinch();
        // The Finch clients measure their calls through the dashboard's meters.
        builder.AddDashboardTelemetry();
        if (stub is not null)
        {
            builder.Services.AddHttpClient<FinchConnectClient>().ConfigurePrimaryHttpMessageHandler(() => stub);
        }
        return builder.Services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Valid(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Finch:BaseUrl"] = "http://127.0.0.1:5180/",
            ["Finch:ClientId"] = "id",
            ["Finch:ClientSecret"] = "secret",
            ["Finch:WebhookSecrets"] = SecretA,
            ["Finch:RetryBaseDelay"] = "00:00:00.001",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
    }

    [Fact]
    public void Webhook_secrets_may_be_one_string_separated_by_spaces_or_commas()
    {
        using var services = Services(Valid(("Finch:WebhookSecrets", $"{SecretA}, {SecretB}")));

        Assert.Equal([SecretA, SecretB], services.GetRequiredService<IOptions<FinchOptions>>().Value.WebhookSecrets);
    }

    [Fact]
    public void Webhook_secrets_may_be_an_array()
    {
        var settings = Valid(("Finch:WebhookSecrets", null));
        settings["Finch:WebhookSecrets:0"] = SecretA;
        settings["Finch:WebhookSecrets:1"] = SecretB;
        using var services = Services(settings);

        Assert.Equal([SecretA, SecretB], services.GetRequiredService<IOptions<FinchOptions>>().Value.WebhookSecrets);
    }

    [Fact]
    public void Defaults_follow_finch_api_version_and_timeout_advice()
    {
        var options = new FinchOptions();

        Assert.Equal("https://api.tryfinch.com", options.BaseUrl);
        Assert.Equal("2020-09-17", options.ApiVersion);
        Assert.Equal(TimeSpan.FromMinutes(6), options.AttemptTimeout);
    }

    [Fact]
    public void Missing_credentials_and_bad_values_are_named_at_start_up_without_echoing_secrets()
    {
        using var services = Services(Valid(
            ("Finch:BaseUrl", "api.tryfinch.com"), ("Finch:ClientId", ""), ("Finch:ClientSecret", null),
            ("Finch:WebhookSecrets", $"{SecretA} not*base64"), ("Finch:AttemptTimeout", "00:05:00"), ("Finch:TotalTimeout", "00:01:00")));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FinchOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Finch:BaseUrl must be an absolute http(s) URL"));
        Assert.Contains(error.Failures, f => f.StartsWith("Finch:ClientId is required"));
        Assert.Contains(error.Failures, f => f.StartsWith("Finch:ClientSecret is required"));
        Assert.Contains("Finch:WebhookSecrets entry 2 is not a base64 string.", error.Failures);
        Assert.Contains("Finch:TotalTimeout must not be shorter than Finch:AttemptTimeout.", error.Failures);
        Assert.DoesNotContain(error.Failures, f => f.Contains("not*base64"));
    }

    [Fact]
    public void The_session_status_extension_is_off_unless_configured_and_refused_for_finchs_own_api()
    {
        using var emulator = Services(Valid(("Finch:SessionStatusExtension", "true")));
        using var finch = Services(Valid(("Finch:BaseUrl", "https://api.tryfinch.com"), ("Finch:SessionStatusExtension", "true")));

        Assert.False(new FinchOptions().SessionStatusExtension);
        Assert.True(emulator.GetRequiredService<IOptions<FinchOptions>>().Value.SessionStatusExtension);
        var error = Assert.Throws<OptionsValidationException>(() => finch.GetRequiredService<IOptions<FinchOptions>>().Value);
        Assert.Equal(["Finch:SessionStatusExtension must be false for Finch's own API (api.tryfinch.com): only the FinchSandbox emulator answers GET /connect/sessions/{id}."],
            error.Failures);
    }

    [Fact]
    public void No_webhook_secret_is_refused()
    {
        using var services = Services(Valid(("Finch:WebhookSecrets", "")));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FinchOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Finch:WebhookSecrets needs at least one base64 secret"));
    }

    [Fact]
    public async Task The_registered_client_uses_the_base_url_the_api_version_and_the_retry_pipeline()
    {
        var stub = new StubFinchHandler(
            _ => StubFinchHandler.Json(HttpStatusCode.ServiceUnavailable, """{"code":503,"name":"server_error","message":"down"}"""),
            _ => StubFinchHandler.Json(HttpStatusCode.OK, """[{"id":"gusto","display_name":"Gusto","authentication_methods":[{"type":"oauth"}]}]"""));
        using var services = Services(Valid(("Finch:ApiVersion", "2020-09-17")), stub);

        var result = await services.GetRequiredService<FinchConnectClient>().ListProvidersAsync();

        Assert.Equal("oauth", Assert.Single(result.Value!).AuthenticationMethods![0].Type);
        Assert.Equal(2, stub.Calls);
        Assert.All(stub.Requests, r =>
        {
            Assert.Equal("http://127.0.0.1:5180/providers", r.Request.RequestUri!.AbsoluteUri);
            Assert.Equal("2020-09-17", r.Request.Headers.GetValues(FinchHeaders.ApiVersion).Single());
            Assert.Equal("Basic", r.Request.Headers.Authorization!.Scheme);
        });
    }

    [Fact]
    public void Outside_development_plain_http_to_finch_is_refused_naming_the_key()
    {
        using var services = Services(Valid(("Finch:WebhookSecrets", LongSecret)), environment: "Production");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FinchOptions>>().Value);

        Assert.Equal(["Finch:BaseUrl must be https outside Development (Production): the client secret and access tokens travel on it."], error.Failures);
    }

    [Fact]
    public void Outside_development_a_webhook_secret_shorter_than_32_bytes_is_refused_naming_its_entry()
    {
        var shortSecret = Convert.ToBase64String(new byte[31]);
        using var services = Services(Valid(("Finch:BaseUrl", FinchOptions.FinchApiUrl), ("Finch:WebhookSecrets", $"{LongSecret} {shortSecret}")), environment: "Production");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FinchOptions>>().Value);

        Assert.Equal(["Finch:WebhookSecrets entry 2 is 31 bytes; outside Development each secret must be at least 32."], error.Failures);
    }

    [Fact]
    public void Outside_development_the_committed_development_webhook_secrets_are_refused()
    {
        var committed = CommittedDevelopmentWebhookSecrets();
        Assert.NotEmpty(committed);

        foreach (var secret in committed)
        {
            using var services = Services(Valid(("Finch:BaseUrl", FinchOptions.FinchApiUrl), ("Finch:WebhookSecrets", secret)), environment: "Production");

            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FinchOptions>>().Value);

            Assert.Equal(["Finch:WebhookSecrets entry 1 is the development secret published with the source; use the secret from Finch's developer dashboard."], error.Failures);
            Assert.DoesNotContain(error.Failures, f => f.Contains(secret));
        }
    }

    [Fact]
    public void Outside_development_https_and_a_long_secret_of_ones_own_start()
    {
        using var services = Services(Valid(("Finch:BaseUrl", FinchOptions.FinchApiUrl), ("Finch:WebhookSecrets", LongSecret)), environment: "Production");

        Assert.Equal(FinchOptions.FinchApiUrl, services.GetRequiredService<IOptions<FinchOptions>>().Value.BaseUrl);
    }

    /// <summary>The webhook secrets the repository hands to Development: its settings file and ./run.sh.</summary>
    private static IReadOnlyList<string> CommittedDevelopmentWebhookSecrets()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")).Build();
        var runScript = File.ReadAllText(Path.Combine(RepositoryRoot(), "run.sh"));
        return [settings["Finch:WebhookSecrets"]!, Regex.Match(runScript, "finch_webhook_secret=\"([^\"]+)\"").Groups[1].Value];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "FinchDashboard.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("FinchDashboard.sln is not above the test output directory.");
        }

        return directory.FullName;
    }
}
