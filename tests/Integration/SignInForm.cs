using System.Net;
using System.Text.RegularExpressions;

namespace FinchDashboard.Integration;

/// <summary>
/// Signs in through the sign-in page's form as a browser does, carrying its cookies by hand, so that tests see every
/// Set-Cookie header as sent and can send the requests through a proxy of their choosing.
/// </summary>
public static partial class SignInForm
{
    public const string Path = "/account/login";

    /// <summary>The answer to the form's POST; <paramref name="via"/> shapes both requests (addresses, forwarded headers).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, Action<HttpRequestMessage>? via = null) =>
        PostFormAsync(client, Path, "login", via, ("Input.Email", email), ("Input.Password", password));

    /// <summary>Posts a static page's form (the sign-in's second step, MFA set-up) as a browser does: after loading the page, with the antiforgery token it rendered.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, params (string Name, string Value)[] fields) =>
        PostFormAsync(client, path, formName, null, fields);

    private static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string path, string formName, Action<HttpRequestMessage>? via, params (string Name, string Value)[] fields)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        via?.Invoke(get);
        var page = await client.SendAsync(get);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenOfAsync(page, path),
            ["_handler"] = formName,
        };
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        via?.Invoke(post);
        // The page's own cookies (antiforgery) by hand, so clients that keep no cookies can post too.
        if (SetCookies(page) is { Count: > 0 } cookies)
        {
            post.Headers.Add("Cookie", string.Join("; ", cookies.Select(cookie => cookie.Split(';')[0])));
        }
        return await client.SendAsync(post);
    }

    /// <summary>
    /// The antiforgery token a static page renders (one per user, whichever form carries it), e.g. for a form that is
    /// posted from a page rendered in the circuit.
    /// </summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path) =>
        await AntiforgeryTokenOfAsync(await client.GetAsync(path), path);

    /// <summary>The authenticator key the MFA set-up page writes out for typing.</summary>
    public static string AuthenticatorKeyOf(string page) => AuthenticatorKey().Match(page) is { Success: true } key
        ? key.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("The page shows no authenticator key.");

    private static async Task<string> AntiforgeryTokenOfAsync(HttpResponseMessage page, string path)
    {
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)page.StatusCode} {page.Headers.Location} instead of its form.");
        return AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    /// <summary>Every Set-Cookie header of a response, as sent.</summary>
    public static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    /// <summary>The Set-Cookie header that sets <paramref name="name"/> to a value (not one that deletes it).</summary>
    public static string SetCookie(HttpResponseMessage response, string name) =>
        Assert.Single(SetCookies(response), cookie => cookie.StartsWith(name + "=", StringComparison.Ordinal) && !cookie.StartsWith(name + "=;", StringComparison.Ordinal));

    /// <summary>A Set-Cookie header's attributes, lower-cased, without the name and value.</summary>
    public static IReadOnlyList<string> Attributes(string setCookie) =>
        [.. setCookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a.ToLowerInvariant())];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("data-testid=\"authenticator-key\"[^>]*>([A-Z2-7 ]+)<")]
    private static partial Regex AuthenticatorKey();
}
