using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FinchDashboard.Integration;

/// <summary>
/// The dashboard as one browser sees it over HTTP: one cookie jar, redirects answered rather than followed, forms
/// posted with the antiforgery token of the page that renders them. <see cref="Copy"/> is a second browser holding
/// the same cookies, as someone who copied them would.
/// </summary>
public sealed partial class HttpBrowser
{
    // https, as a browser reaching the dashboard through its proxy would: cookies marked Secure travel too.
    private static readonly Uri BaseAddress = new("https://localhost");

    private readonly WebApplicationFactory<Program> _app;
    private readonly CookieContainer _cookies;

    public HttpBrowser(WebApplicationFactory<Program> app)
        : this(app, new CookieContainer())
    {
    }

    private HttpBrowser(WebApplicationFactory<Program> app, CookieContainer cookies)
    {
        _app = app;
        _cookies = cookies;
        Client = app.CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));
    }

    public HttpClient Client { get; }

    /// <summary>A new browser signed in through the sign-in form.</summary>
    public static async Task<HttpBrowser> SignedInAsync(WebApplicationFactory<Program> app, string email, string password)
    {
        var browser = new HttpBrowser(app);
        var response = await browser.SubmitAsync("/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}, not a redirect.");
        return browser;
    }

    /// <summary>The same cookies in another browser (another instance of the app, too).</summary>
    public HttpBrowser Copy(WebApplicationFactory<Program>? app = null)
    {
        var cookies = new CookieContainer();
        cookies.Add(_cookies.GetAllCookies());
        return new HttpBrowser(app ?? _app, cookies);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>Loads <paramref name="page"/>, then posts its form <paramref name="formName"/> with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string formName, Dictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(page);
        return await Client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = formName,
        }));
    }

    /// <summary>
    /// Signs out as the app bar's button does. That button renders in the circuit, so the antiforgery token (one per
    /// user, whichever form carries it) comes from a static account page.
    /// </summary>
    public async Task<HttpResponseMessage> SignOutAsync() =>
        await Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync("/account/sign-out-everywhere"),
        }));

    private async Task<string> AntiforgeryTokenAsync(string page)
    {
        var response = await Client.GetAsync(page);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode} instead of its form.");
        return AntiforgeryField().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
