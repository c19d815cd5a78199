using Bunit;
using FinchDashboard.Dashboard.Components.Pages.Account;
using FinchDashboard.Dashboard.Mfa;

namespace FinchDashboard.Unit.Components.Pages.Account;

/// <summary>What the two-step sign-in page shows while setting up an app, and once with the recovery codes.</summary>
public class MfaViewsTests : MudTestContext
{
    [Fact]
    public void Setting_up_shows_the_QR_code_with_a_text_alternative_and_the_key_written_out()
    {
        var setup = AuthenticatorSetup.For("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "admin@demo.local", "FinchDashboard");

        var view = Render<AuthenticatorSetupView>(parameters => parameters.Add(p => p.Setup, setup));

        var qr = view.Find("img[data-testid=authenticator-qr]");
        Assert.Equal(setup.QrCodeImage, qr.GetAttribute("src"));
        Assert.Contains("QR code", qr.GetAttribute("alt"));
        Assert.Equal("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", view.Find("[data-testid=authenticator-key]").TextContent);
        Assert.Contains("6-digit code", view.Markup);
    }

    [Fact]
    public void The_recovery_codes_are_listed_with_a_warning_to_store_them_now_and_a_way_on()
    {
        var codes = new RecoveryCodes(Enumerable.Range(1, RecoveryCodes.Count).Select(n => $"CODE{n:D2}-ABCDE"));

        var view = Render<RecoveryCodesView>(parameters => parameters.Add(p => p.Codes, codes).Add(p => p.ContinueUrl, "/employers"));

        Assert.Equal(codes.Values, view.FindAll("[data-testid=recovery-code]").Select(code => code.TextContent));
        Assert.Equal("alert", view.Find(".mud-alert").GetAttribute("role"));
        Assert.Contains("Store these recovery codes now.", view.Find(".mud-alert").TextContent);
        Assert.Contains("shown only this once", view.Find(".mud-alert").TextContent);
        Assert.Equal("/employers", view.Find("a[data-testid=continue]").GetAttribute("href"));
        Assert.DoesNotContain("CODE01", codes.ToString());
    }
}
