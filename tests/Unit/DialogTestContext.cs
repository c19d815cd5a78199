using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinchDashboard.Unit;

/// <summary>Opens a dialog the way pages do, through <see cref="IDialogService"/> into a rendered <see cref="MudDialogProvider"/>.</summary>
public abstract class DialogTestContext : MudTestContext
{
    /// <summary>The dialog's result, once it is closed or cancelled.</summary>
    protected IDialogReference Dialog { get; private set; } = default!;

    protected async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(DialogParameters<TDialog> parameters) where TDialog : IComponent
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        Dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Title", parameters));
        return provider;
    }

    /// <summary>
    /// The element the last focus request went to. Blazor focuses through JavaScript, so the request is what a unit test
    /// can see; in the browser the last one is where the focus ends.
    /// </summary>
    protected IElement LastFocused(IRenderedComponent<MudDialogProvider> provider)
    {
        var focus = JSInterop.Invocations.Last(i => i.Identifier == "Blazor._internal.domWrapper.focus");
        var target = ((ElementReference)focus.Arguments[0]!).Id;
        return provider.FindAll("*").Single(e => e.GetAttribute("blazor:elementReference") == target);
    }
}
