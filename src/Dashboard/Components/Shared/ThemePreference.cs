namespace FinchDashboard.Dashboard.Components.Shared;

/// <summary>
/// The light or dark theme a user chose, remembered in a cookie so that it holds on every page and after sign-in
/// without a round trip to the database. The host page reads it; the layout's toggle writes it.
/// </summary>
public static class ThemePreference
{
    public const string CookieName = "finch-theme";

    public const string CascadingName = "DarkMode";

    private const string Dark = "dark";

    public static bool IsDark(HttpContext context) => context.Request.Cookies[CookieName] == Dark;

    /// <summary>The cookie's value for a theme; JavaScript writes it because the choice is made on an open circuit.</summary>
    public static string CookieValue(bool dark) => dark ? Dark : "light";
}
