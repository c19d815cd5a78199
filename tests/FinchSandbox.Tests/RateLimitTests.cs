using System.Net;
using Microsoft.AspNetCore.Hosting;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

/// <summary>Own factory: the application rate limit counts across all tokens, so other tests must not share it.</summary>
public sealed class RateLimitFactory : SandboxFactory;

/// <summary>An emulator with Finch's application rate limits turned off, as a shared test suite runs it.</summary>
public sealed class UnlimitedFactory : SandboxFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("FinchSandbox:EnforceApplicationRateLimits", "false");
    }
}

public class RateLimitTests(RateLimitFactory factory) : IClassFixture<RateLimitFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task The_21st_company_call_within_a_minute_answers_429_finch_application_rl_across_tokens()
    {
        var first = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        var second = (await _api.CreateSandboxConnectionAsync("rippling")).GetProperty("access_token").GetString()!;

        for (var i = 0; i < 20; i++)
        {
            var ok = await _api.GetAsync("/employer/company", i % 2 == 0 ? first : second);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var limited = await _api.GetAsync("/employer/company", second);
        var body = await FinchApi.AssertErrorAsync(limited, 429, "rate_limit_exceeded_error", "finch_application_rl");
        Assert.Equal("Too many requests for token", body.GetProperty("message").GetString());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 60);

        // Introspect is not the company product and is unaffected.
        await _api.IntrospectAsync(first);

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/employer/company", first)).StatusCode);
    }
}

public class UnlimitedRateTests(UnlimitedFactory factory) : IClassFixture<UnlimitedFactory>
{
    private readonly FinchApi _api = new(factory);

    [Fact]
    public async Task With_the_limits_off_the_21st_company_call_within_a_minute_is_answered()
    {
        var token = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;

        for (var i = 0; i < 21; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/employer/company", token)).StatusCode);
        }
    }
}
