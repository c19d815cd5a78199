using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinchDashboard.E2E;

/// <summary>The employer's side of Finch Connect: the emulator's hosted page, walked until it returns to the dashboard.</summary>
public static class EmployerConnect
{
    /// <summary>Consent, provider sign-in (and MFA), the first <paramref name="entities"/> entities offered; ends on /connect/done.</summary>
    public static async Task CompleteAsync(IPage employer, int entities)
    {
        for (var step = 0; step < 6 && !employer.Url.Contains("/connect/done", StringComparison.Ordinal); step++)
        {
            // The last step's redirect passes through the dashboard's callback: wait for a Connect form or the result page.
            await employer.Locator("button[type=submit]").First.Or(employer.GetByTestId("connect-outcome")).WaitForAsync();
            if (employer.Url.Contains("/connect/done", StringComparison.Ordinal))
            {
                break;
            }

            if (await employer.Locator("button[value=allow]").CountAsync() > 0)
            {
                await employer.Locator("button[value=allow]").ClickAsync();
                continue;
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

            await employer.Locator("button[type=submit]").First.ClickAsync();
            await employer.WaitForLoadStateAsync();
        }

        await Expect(employer).ToHaveURLAsync(new Regex("/connect/done"));
    }
}
