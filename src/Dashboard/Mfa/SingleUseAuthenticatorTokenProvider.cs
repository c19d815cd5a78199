using System.Globalization;
using FinchDashboard.Dashboard.Data;
using Microsoft.AspNetCore.Identity;

namespace FinchDashboard.Dashboard.Mfa;

/// <summary>
/// Identity's authenticator check, with each code accepted once (ASVS 2.8.4): Identity accepts a code for five 30-second
/// steps around its own (for clock drift) and would accept it again, so a code read over a shoulder or from a log could
/// sign in a second time. The codes accepted within that window are kept with the user's Identity tokens.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<DashboardUser>
{
    private const string TokenOwner = "FinchDashboard";
    private const string TokenName = "UsedAuthenticatorCodes";

    /// <summary>How long Identity goes on accepting a code: its own step and two either side.</summary>
    public static readonly TimeSpan AcceptanceWindow = TimeSpan.FromSeconds(5 * 30);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<DashboardUser> manager, DashboardUser user)
    {
        // Identity reads the code as a number, so "012345" and "12345" are one code: compare numbers, not texts.
        if (!await base.ValidateAsync(purpose, token, manager, user) || !int.TryParse(token, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var recent = Parse(await manager.GetAuthenticationTokenAsync(user, TokenOwner, TokenName))
            .Where(used => now - used.At < AcceptanceWindow)
            .ToList();
        if (recent.Any(used => used.Code == code))
        {
            return false;
        }

        recent.Add(new UsedCode(code, now));
        // Saving checks the user's concurrency stamp: of two requests racing with one code, the second fails here.
        var saved = await manager.SetAuthenticationTokenAsync(user, TokenOwner, TokenName, Format(recent));
        return saved.Succeeded;
    }

    private static IEnumerable<UsedCode> Parse(string? stored) =>
        (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':'))
            .Select(parts => new UsedCode(int.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[0], CultureInfo.InvariantCulture))));

    private static string Format(IEnumerable<UsedCode> codes) =>
        string.Join(';', codes.Select(used => string.Create(CultureInfo.InvariantCulture, $"{used.At.ToUnixTimeSeconds()}:{used.Code}")));

    private sealed record UsedCode(int Code, DateTimeOffset At);
}
