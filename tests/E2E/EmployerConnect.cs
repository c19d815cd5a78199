using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>The employer's side of Finch Connect: the emulator's hosted page, walked until it returns to the dashboard.</summary>
public static class EmployerConnect
{
    /// <summary>
    /// Consent, the <paramref name="provider"/> when the link left the choice to the employer, provider sign-in (and
    /// MFA), the first <paramref name="entities"/> entities offered; ends on /connect/done.
    /// </summary>
    public static async Task CompleteAsync(IPage employer, int entities, string? provider = null)
    {
        for (var step = 0; step < 6 && !employer.Url.Contains("/connect/done", StringComparison.Ordinal); step++)
        {
            await NextPageAsync(employer);
            if (employer.Url.Contains("/connect/done", StringComparison.Ordinal))
            {
                break;
            }

            if (await employer.Locator("button[value=allow]").CountAsync() > 0)
            {
                await SubmitAsync(employer, employer.Locator("button[value=allow]"));
                continue;
            }

            if (provider is not null && await employer.Locator("input[name=provider_id]").CountAsync() > 0)
            {
                await employer.Locator($"input[name=provider_id][value={provider}]").CheckAsync();
            }

            if (await employer.Locator("input[name=username]").CountAsync() > 0)
            {
                await employer.Locator("input[name=username]").FillAsync("payroll-admin");
                await employer.Locator("input[name=password]").FillAsync("correct horse");
            }

            var boxes = employer.Locator("input[name=entity]");
            var count = await boxes.CountAsync();
            for (var i = 0; i < count; i++)
            {
                // On a reauth page the entities still connected are ticked and fixed; only the others are a choice.
                if (!await boxes.Nth(i).IsDisabledAsync())
                {
                    await boxes.Nth(i).SetCheckedAsync(i < entities);
                }
            }

            await SubmitAsync(employer, employer.Locator("button[type=submit]").First);
        }

        await Expect(employer).ToHaveURLAsync(new Regex("/connect/done"));
    }

    /// <summary>
    /// Every step posts back to the same URL, so neither the URL nor a load event tells the steps apart: wait for the
    /// navigation the click starts, or the next turn of the walk would click the previous step's button again.
    /// </summary>
    private static async Task SubmitAsync(IPage employer, ILocator button)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == employer.MainFrame)
            {
                navigated.TrySetResult();
            }
        }

        employer.FrameNavigated += OnNavigated;
        try
        {
            await button.ClickAsync();
            await navigated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            employer.FrameNavigated -= OnNavigated;
        }
    }

    /// <summary>A Connect form, or the result page after the dashboard's callback; says where it stood if neither comes.</summary>
    private static async Task NextPageAsync(IPage employer)
    {
        try
        {
            await employer.Locator("button[type=submit]").First.Or(employer.GetByTestId("connect-outcome")).WaitForAsync();
        }
        catch (TimeoutException e)
        {
            var text = await employer.Locator("body").InnerTextAsync();
            throw new TimeoutException($"The Connect walk stalled at {employer.Url}: {text[..Math.Min(text.Length, 500)]}", e);
        }
    }
}
