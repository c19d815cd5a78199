using System.Text.RegularExpressions;

namespace FinchDashboard.Integration;

/// <summary>The sign-in form as a browser posts it: the antiforgery token from the page, then the fields of form "login".</summary>
public static partial class SignInForm
{
    public const string Path = "/account/login";

    /// <summary>Posts <paramref name="email"/> and <paramref name="password"/>; a redirect means signed in, the page again means refused.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync(Path);
        return await client.PostAsync(Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
