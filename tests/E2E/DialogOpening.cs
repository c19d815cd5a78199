using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

public static class DialogOpening
{
    /// <summary>
    /// Clicks <paramref name="trigger"/> and returns the dialog it opens once Radzen has moved the focus into it. Radzen
    /// does that 500 ms after opening; a test typing before then can have the focus jump under it, so an Enter meant
    /// to submit a field lands in the dialog's first field instead, or an open drop-down closes.
    /// </summary>
    public static async Task<ILocator> OpenDialogAsync(this ILocator trigger)
    {
        await trigger.ClickAsync();
        var dialog = trigger.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        return dialog;
    }
}
