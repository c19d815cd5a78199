using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

public static class DialogOpening
{
    /// <summary>
    /// Clicks <paramref name="trigger"/> and returns the dialog it opens once the focus is inside it, so keys typed next
    /// go to the dialog rather than the page under it. A MudBlazor dialog puts the focus in its first field as it opens;
    /// tests that care which field check it themselves. A click that lands before the page's circuit is interactive
    /// opens nothing, so the click is repeated while no dialog is open.
    /// </summary>
    public static async Task<ILocator> OpenDialogAsync(this ILocator trigger)
    {
        var dialog = trigger.Page.GetByRole(AriaRole.Dialog);
        for (var attempt = 1; ; attempt++)
        {
            await trigger.ClickAsync();
            try
            {
                await dialog.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                if (await dialog.CountAsync() > 0)
                {
                    break;
                }
            }
        }

        await Expect(dialog.Locator(":focus")).ToHaveCountAsync(1);
        return dialog;
    }
}
