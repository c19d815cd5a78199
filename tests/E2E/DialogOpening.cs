using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

public static class DialogOpening
{
    /// <summary>
    /// Clicks <paramref name="trigger"/> and returns the dialog it opens, once the focus is inside it: keys typed next go
    /// to the dialog, not the page under it. Dialogs put the focus on their first control as they open; tests that care
    /// which control check it themselves.
    /// </summary>
    public static async Task<ILocator> OpenDialogAsync(this ILocator trigger)
    {
        await trigger.ClickAsync();
        var dialog = trigger.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        return dialog;
    }
}
