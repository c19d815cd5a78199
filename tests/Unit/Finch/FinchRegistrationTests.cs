using System.Net;
using FinchDashboard.Dashboard.Finch;
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

    private static ServiceProvider Services(Dictionary<string, string?> settings, StubFinchHandler? stub = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFinch();
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
}
