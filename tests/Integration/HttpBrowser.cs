using System.Net;
using FinchDashboard.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FinchDashboard.Integration;

/// <summary>
/// The dashboard as one browser sees it over HTTP: one cookie jar, redirects answered rather than followed, forms
/// posted with the antiforgery token of the page that renders them. <see cref="Copy"/> is a second browser holding
/// the same cookies, as someone who copied them would.
/// </summary>
public sealed class HttpBrowser
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

    /// <summary>
    /// A new browser signed in through the sign-in form, entering <paramref name="nextCode"/>'s authenticator code at the
    /// second step when given (<see cref="DashboardFactory.SignedInBrowserAsync"/> knows who needs one).
    /// </summary>
    public static async Task<HttpBrowser> SignedInAsync(WebApplicationFactory<Program> app, string email, string password, Func<Task<string>>? nextCode = null)
    {
        var browser = new HttpBrowser(app);
        var response = await browser.SubmitAsync(SignInForm.Path, "login", ("Input.Email", email), ("Input.Password", password));
        if (nextCode is not null)
        {
            Assert.Equal("/account/login-2fa", response.Headers.Location?.AbsolutePath);
            response = await browser.SubmitAsync("/account/login-2fa", "login-2fa", ("Input.Code", await nextCode()));
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect && !response.Headers.Location!.OriginalString.Contains("/account/", StringComparison.Ordinal),
            $"Signing in as {email} answered {(int)response.StatusCode} {response.Headers.Location}, not a signed-in redirect.");
        return browser;
    }

    /// <summary>
    /// Sets up two-step sign-in on the page a signed-in user, or one held at the second step, is sent to: reads the key
    /// it writes out and confirms it with the app's next code. The answer shows the recovery codes.
    /// </summary>
    public async Task<HttpResponseMessage> EnrolAuthenticatorAsync(AuthenticatorApp authenticator)
    {
        var key = SignInForm.AuthenticatorKeyOf(await Client.GetStringAsync("/account/mfa"));
        return await SubmitAsync("/account/mfa", "mfa-enrol", ("Input.Code", await authenticator.NextCodeAsync(key)));
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
    public Task<HttpResponseMessage> SubmitAsync(string page, string formName, params (string Name, string Value)[] fields) =>
        SignInForm.PostFormAsync(Client, page, formName, fields);

    /// <summary>
    /// Signs out as the app bar's button does. That button renders in the circuit, so the antiforgery token (one per
    /// user, whichever form carries it) comes from a static account page.
    /// </summary>
    public async Task<HttpResponseMessage> SignOutAsync() =>
        await Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await SignInForm.AntiforgeryTokenAsync(Client, "/account/sign-out-everywhere"),
        }));
}
