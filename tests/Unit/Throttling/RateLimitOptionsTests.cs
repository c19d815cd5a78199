using System.Net;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Throttling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Throttling;

/// <summary>AddThrottling as the dashboard calls it: the RateLimits section, its defaults and the keys it names when wrong.</summary>
public class RateLimitOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddAccess();
        builder.AddThrottling();
        return builder.Services.BuildServiceProvider();
    }

    private static RateLimitOptions Limits(ServiceProvider services) => services.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    [Fact]
    public void Without_configuration_the_limits_are_the_documented_defaults()
    {
        using var services = Services();

        var limits = Limits(services);
        Assert.Equal((10, TimeSpan.FromMinutes(1)), (limits.SignInPerAddress.PermitLimit, limits.SignInPerAddress.Window));
        Assert.Equal((10, TimeSpan.FromMinutes(15)), (limits.SignInPerEmail.PermitLimit, limits.SignInPerEmail.Window));
        Assert.Equal((30, TimeSpan.FromMinutes(1)), (limits.ConnectCallbackPerAddress.PermitLimit, limits.ConnectCallbackPerAddress.Window));
        Assert.Equal((20_000, 20_000, TimeSpan.FromSeconds(1)),
            (limits.WebhooksPerAddress.TokenLimit, limits.WebhooksPerAddress.TokensPerPeriod, limits.WebhooksPerAddress.ReplenishmentPeriod));
        Assert.Equal((1, TimeSpan.FromSeconds(10)), (limits.ExportsPerUser.PermitLimit, limits.ExportsPerUser.RetryAfter));
    }

    [Fact]
    public void Configured_values_replace_only_the_keys_given()
    {
        using var services = Services(
            ("RateLimits:SignInPerAddress:PermitLimit", "20"),
            ("RateLimits:SignInPerEmail:Window", "01:00:00"),
            ("RateLimits:WebhooksPerAddress:TokensPerPeriod", "500"),
            ("RateLimits:ExportsPerUser:PermitLimit", "2"));

        var limits = Limits(services);
        Assert.Equal((20, TimeSpan.FromMinutes(1)), (limits.SignInPerAddress.PermitLimit, limits.SignInPerAddress.Window));
        Assert.Equal((10, TimeSpan.FromHours(1)), (limits.SignInPerEmail.PermitLimit, limits.SignInPerEmail.Window));
        Assert.Equal((20_000, 500), (limits.WebhooksPerAddress.TokenLimit, limits.WebhooksPerAddress.TokensPerPeriod));
        Assert.Equal(2, limits.ExportsPerUser.PermitLimit);
    }

    [Theory]
    [InlineData("RateLimits:SignInPerAddress:PermitLimit", "0", "RateLimits:SignInPerAddress:PermitLimit must be at least 1.")]
    [InlineData("RateLimits:ConnectCallbackPerAddress:Window", "00:00:00", "RateLimits:ConnectCallbackPerAddress:Window must be positive.")]
    [InlineData("RateLimits:SignInPerEmail:PermitLimit", "5",
        "RateLimits:SignInPerEmail:PermitLimit must be above SecurityPolicy:MaxFailedSignInAttempts (5), so that someone who locks their account reads the lockout message before this limit answers 429.")]
    [InlineData("RateLimits:WebhooksPerAddress:TokenLimit", "0", "RateLimits:WebhooksPerAddress:TokenLimit must be at least 1.")]
    [InlineData("RateLimits:WebhooksPerAddress:ReplenishmentPeriod", "-00:00:01", "RateLimits:WebhooksPerAddress:ReplenishmentPeriod must be positive.")]
    [InlineData("RateLimits:ExportsPerUser:PermitLimit", "0", "RateLimits:ExportsPerUser:PermitLimit must be at least 1.")]
    [InlineData("RateLimits:ExportsPerUser:RetryAfter", "00:00:00.500", "RateLimits:ExportsPerUser:RetryAfter must be at least one second (Retry-After counts whole seconds).")]
    public void A_value_out_of_range_is_named_at_start_up(string key, string value, string failure)
    {
        using var services = Services((key, value));

        var error = Assert.Throws<OptionsValidationException>(() => Limits(services));

        Assert.Equal([failure], error.Failures);
    }

    [Fact]
    public void The_per_email_limit_follows_the_configured_lockout()
    {
        using var services = Services(("SecurityPolicy:MaxFailedSignInAttempts", "3"), ("RateLimits:SignInPerEmail:PermitLimit", "4"));

        Assert.Equal(4, Limits(services).SignInPerEmail.PermitLimit);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void A_client_is_its_IPv4_address_or_its_IPv6_slash_64(string address, string partition)
    {
        Assert.Equal(partition, ClientAddress.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_connection_without_an_address_is_one_client()
    {
        Assert.Equal("unknown", ClientAddress.Of((IPAddress?)null));
    }

    [Theory]
    [InlineData(1, "1 second")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "1 minute")]
    [InlineData(61, "2 minutes")]
    [InlineData(900, "15 minutes")]
    public void The_wait_is_said_in_seconds_under_a_minute_and_in_whole_minutes_above(int seconds, string words)
    {
        Assert.Equal(words, TooManyRequests.Wait(seconds));
    }
}
