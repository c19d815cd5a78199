using FinchDashboard.Dashboard.Mfa;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Unit.Mfa;

/// <summary>The setting two-step sign-in reads, checked at start-up with a message naming the key.</summary>
public class MfaOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddMfa();
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public void The_issuer_defaults_to_the_dashboards_name_and_can_be_set()
    {
        using var unset = Services();
        using var set = Services(("Mfa:Issuer", "FinchDashboard (staging)"));

        Assert.Equal("FinchDashboard", unset.GetRequiredService<IOptions<MfaOptions>>().Value.Issuer);
        Assert.Equal("FinchDashboard (staging)", set.GetRequiredService<IOptions<MfaOptions>>().Value.Issuer);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("Finch:Dashboard")]
    [InlineData("An issuer name far longer than any authenticator app shows above a code")]
    public void An_issuer_apps_cannot_show_is_named_at_start_up(string issuer)
    {
        using var services = Services(("Mfa:Issuer", issuer));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MfaOptions>>().Value);

        Assert.Equal(["Mfa:Issuer must be 1 to 64 characters without a colon."], error.Failures);
    }
}
