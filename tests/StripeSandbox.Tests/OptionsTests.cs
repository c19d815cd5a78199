using FinchDashboard.StripeSandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace FinchDashboard.StripeSandbox.Tests;

public class OptionsTests
{
    private sealed class MisconfiguredFactory : StripeSandboxFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("StripeSandbox:SecretKey", "sk_live_not_for_an_emulator");
            builder.UseSetting("StripeSandbox:WebhookSecret", "");
            builder.UseSetting("StripeSandbox:WebhookUrl", "not a url");
        }
    }

    [Fact]
    public void Start_up_refuses_bad_settings_naming_each_key()
    {
        using var factory = new MisconfiguredFactory();

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("StripeSandbox:SecretKey", error.Message);
        Assert.Contains("StripeSandbox:WebhookSecret", error.Message);
        Assert.Contains("StripeSandbox:WebhookUrl", error.Message);
    }
}
