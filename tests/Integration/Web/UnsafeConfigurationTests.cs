using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FinchDashboard.Integration.Web;

/// <summary>
/// The whole dashboard started in Production with one unsafe value at a time: start-up fails naming the key, before
/// anything reaches the database (the refused hosts are given one nobody listens on).
/// </summary>
public sealed class UnsafeConfigurationTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=1";

    private static readonly IConfiguration DevelopmentSettings =
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json")).Build();

    public static TheoryData<string, string, string> UnsafeValues => new()
    {
        { "Finch:BaseUrl", "http://api.tryfinch.com", "Finch:BaseUrl must be https outside Development" },
        { "Finch:WebhookSecrets", Convert.ToBase64String(new byte[31]), "Finch:WebhookSecrets entry 1 is 31 bytes" },
        { "Finch:WebhookSecrets", DevelopmentSettings["Finch:WebhookSecrets"]!, "Finch:WebhookSecrets entry 1 is the development secret" },
        { "TokenEncryption:Keys:0", DevelopmentSettings["TokenEncryption:Keys:0"]!, "TokenEncryption:Keys entry 'dev-2026-11' is the development key" },
        { "TokenEncryption:Keys:0", "short:" + Convert.ToBase64String(new byte[16]), "TokenEncryption:Keys entry 'short' must be 32 bytes" },
        { "Demo:Enabled", "true", "Demo:Enabled must be false outside Development" },
        { "ForwardedHeaders:KnownProxies:0", "10.0.0.300", "ForwardedHeaders:KnownProxies:0 ('10.0.0.300') is not an IP address" },
        { "ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks:0 ('10.0.0.0/33') is not a network in CIDR notation" },
    };

    [Theory]
    [MemberData(nameof(UnsafeValues))]
    public void Production_refuses_to_start_with_an_unsafe_value_and_names_its_key(string key, string value, string message)
    {
        using var production = app.WithWebHostBuilder(builder => builder
            .UseEnvironment(Environments.Production)
            .UseSetting("ConnectionStrings:Dashboard", NoDatabase)
            .UseSetting(key, value));

        var error = Assert.ThrowsAny<Exception>(() => production.Services);

        Assert.Contains(message, Messages(error));
    }

    [Fact]
    public async Task Production_starts_with_safe_values()
    {
        await using var production = app.WithWebHostBuilder(builder => builder.UseEnvironment(Environments.Production));

        var response = await production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") })
            .GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Messages(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Messages))
            : error.Message + (error.InnerException is { } inner ? "\n" + Messages(inner) : "");
}
