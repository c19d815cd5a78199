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
        var dialog = trigger.Page.GetByRole(AriaRole.Dialog);
        await trigger.ClickAsync();
        if (!await AppearsAsync(dialog))
        {
            // A grid that reloads (a filter just chosen, a live update) can replace the trigger's row between Playwright
            // finding the button and the click landing; the click then reaches a node Blazor no longer listens on.
            await trigger.ClickAsync();
        }

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        return dialog;
    }

    private static async Task<bool> AppearsAsync(ILocator dialog)
    {
        try
        {
            await dialog.WaitForAsync(new() { Timeout = 5_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return await dialog.CountAsync() > 0;
        }
    }
}
