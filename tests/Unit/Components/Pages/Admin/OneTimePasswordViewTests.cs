using Bunit;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Components.Pages.Admin;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinchDashboard.Unit.Components.Pages.Admin;

public class OneTimePasswordViewTests : MudTestContext
{
    private readonly OneTimePassword password = OneTimePassword.Generate();
    private IRenderedComponent<MudDialogProvider> provider = default!;

    private async Task<IDialogReference> OpenAsync(string? signInEmail)
    {
        Render<MudPopoverProvider>();
        provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<OneTimePasswordView>("New password for Pat PEO",
            new DialogParameters<OneTimePasswordView>
            {
                { v => v.Password, password },
                { v => v.UserName, "Pat PEO" },
                { v => v.SignInEmail, signInEmail },
            }));
        return reference!;
    }

    [Fact]
    public async Task It_opens_with_the_focus_on_the_password_labelled_with_whose_it_is()
    {
        await OpenAsync(null);

        var field = provider.Find("input[data-testid=one-time-password-value]");
        Assert.Equal(password.Value, field.GetAttribute("value"));
        Assert.True(field.HasAttribute("readonly"));
        Assert.Equal("Password for Pat PEO", provider.Find($"label[for='{field.Id}']").TextContent.Trim());
        // The dialog focuses its first field as it opens, and that is the password, which asks for the focus itself too.
        Assert.Equal(DefaultFocus.FirstChild, provider.FindComponent<MudFocusTrap>().Instance.DefaultFocus);
        Assert.Equal(field.OuterHtml, provider.Find(".mud-dialog-content").QuerySelector("input, button, textarea, select, a[href]")?.OuterHtml);
        var focused = JSInterop.Invocations["Blazor._internal.domWrapper.focus"];
        Assert.Contains(focused, call => ((ElementReference)call.Arguments[0]!).Id == field.GetAttribute("blazor:elementReference"));
        Assert.DoesNotContain("can now sign in", provider.Markup);
    }

    [Fact]
    public async Task A_new_account_says_who_signs_in_with_it()
    {
        await OpenAsync("peo@demo.local");

        Assert.Contains("Pat PEO can now sign in as peo@demo.local with this password.", provider.Find("[data-testid=one-time-password]").TextContent);
    }

    [Fact]
    public async Task Copy_puts_it_on_the_clipboard_and_says_so()
    {
        await OpenAsync(null);

        await provider.FindAll("button").Single(b => b.TextContent.Trim() == "Copy").ClickAsync(new());

        Assert.Equal(password.Value, JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments[0]);
        provider.WaitForAssertion(() => Assert.Contains(provider.FindAll("button"), b => b.TextContent.Trim() == "Copied"));
    }

    [Fact]
    public async Task Done_closes_it()
    {
        var dialog = await OpenAsync(null);

        await provider.Find("button[data-testid=done]").ClickAsync(new());

        Assert.False((await dialog.Result)!.Canceled);
        Assert.Empty(provider.FindAll("[data-testid=one-time-password]"));
    }
}
