using FinchDashboard.Dashboard.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Demo;

public class DemoOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddDemo();
        return builder.Services.BuildServiceProvider();
    }

    [Theory]
    [InlineData("")]
    [InlineData("FINCHDEMOTOTPSECRET")]
    [InlineData("FINCHDEMOTOTPSECRETFORTHEDEMO019")]
    [InlineData("finchdemototpsecretforthedemoxyz")]
    public void Demo_mode_needs_a_usable_published_authenticator_key(string key)
    {
        using var services = Services(("Demo:Enabled", "true"), ("Demo:AuthenticatorKey", key));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DemoOptions>>().Value);

        Assert.Equal(["Demo:AuthenticatorKey must be at least 32 base32 characters (A-Z, 2-7) when demo mode is on."], error.Failures);
    }

    [Fact]
    public void The_development_key_is_usable_and_without_demo_mode_no_key_is_needed()
    {
        using var demo = Services(("Demo:Enabled", "true"), ("Demo:AuthenticatorKey", "FINCHDEMOTOTPSECRETFORTHEDEMOXYZ"));
        using var off = Services();

        Assert.True(demo.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled);
        Assert.False(off.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled);
    }
}
