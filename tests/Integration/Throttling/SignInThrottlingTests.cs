using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FinchDashboard.Domain.Access;
using FinchDashboard.Tests;

namespace FinchDashboard.Integration.Throttling;

/// <summary>The sign-in form's limits through the real app: by client address and by email, each answered 429 with Retry-After.</summary>
public sealed class SignInThrottlingTests(SignInThrottlingTests.TightLimits limits) : IClassFixture<SignInThrottlingTests.TightLimits>
{
    private const int PerAddress = 3;

    // Above the lockout's five wrong passwords, as start-up requires.
    private const int PerEmail = 6;

    private const string WrongPassword = "Wrong-password-1";

    public sealed class TightLimits : IAsyncLifetime
    {
        public DashboardFactory App { get; } = new(new Dictionary<string, string>
        {
            ["RateLimits:SignInPerAddress:PermitLimit"] = PerAddress.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:SignInPerEmail:PermitLimit"] = PerEmail.ToString(CultureInfo.InvariantCulture),
        });

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    private DashboardFactory App => limits.App;

    [Fact]
    public async Task One_address_trying_many_emails_is_refused_with_a_page_saying_how_long_to_wait()
    {
        var client = App.CreateClientFrom(ClientAddresses.Next());
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        for (var attempt = 0; attempt < PerAddress; attempt++)
        {
            var answered = await SignInForm.PostAsync(client, Nobody(), WrongPassword);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Contains("That email and password do not match", await answered.Content.ReadAsStringAsync());
        }

        var refused = await SignInForm.PostAsync(client, Nobody(), WrongPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Too many sign-in attempts</h1>", page);
        Assert.Contains("Wait 1 minute, then sign in again.", page);
        Assert.Contains("<a href=\"/account/login\">Back to sign in</a>", page);
        var elsewhere = await SignInForm.PostAsync(App.CreateClientFrom(ClientAddresses.Next()), Nobody(), WrongPassword);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task One_email_tried_from_many_addresses_shows_the_lockout_first_and_then_is_refused()
    {
        var user = await App.AddUserAsync(Role.Support);
        var pages = new List<string>();
        for (var attempt = 0; attempt < PerEmail; attempt++)
        {
            // However it is typed, an email is one account.
            var email = attempt % 2 == 0 ? user.Email! : user.Email!.ToUpperInvariant();
            var answered = await SignInForm.PostAsync(App.CreateClientFrom(ClientAddresses.Next()), email, WrongPassword);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            pages.Add(await answered.Content.ReadAsStringAsync());
        }

        Assert.All(pages[..4], page => Assert.Contains("That email and password do not match", page));
        Assert.All(pages[4..], page => Assert.Contains("This account is locked after too many failed attempts", page));
        var address = ClientAddresses.Next();
        var refused = await SignInForm.PostAsync(App.CreateClientFrom(address), user.Email!.ToUpperInvariant(), DashboardFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Wait 15 minutes, then sign in again.", await refused.Content.ReadAsStringAsync());
        var other = await App.AddUserAsync(Role.Support);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(App.CreateClientFrom(address), other.Email!, DashboardFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Codes_guessed_at_the_second_step_count_towards_the_same_limit_per_address()
    {
        var user = await App.AddUserAsync(Role.Admin);
        var wrongCode = AuthenticatorApp.WrongCode(await App.EnrolMfaAsync(user));
        var client = App.CreateClientFrom(ClientAddresses.Next());
        var password = await SignInForm.PostAsync(client, user.Email!, DashboardFactory.Password);
        Assert.Equal("/account/login-2fa", password.Headers.Location?.AbsolutePath);

        var wrong = await SignInForm.PostFormAsync(client, "/account/login-2fa", "login-2fa", ("Input.Code", wrongCode));
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        var recovery = await SignInForm.PostFormAsync(client, "/account/login-recovery", "login-recovery", ("Input.Code", "0000-0000"));
        Assert.Equal(HttpStatusCode.OK, recovery.StatusCode);

        var refused = await SignInForm.PostFormAsync(client, "/account/login-2fa", "login-2fa", ("Input.Code", wrongCode));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_correct_sign_in_below_the_limits_signs_in()
    {
        var user = await App.AddUserAsync(Role.Support);
        var client = App.CreateClientFrom(ClientAddresses.Next());
        Assert.Equal(HttpStatusCode.OK, (await SignInForm.PostAsync(client, user.Email!, WrongPassword)).StatusCode);

        var signedIn = await SignInForm.PostAsync(client, user.Email!, DashboardFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employers")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_post_whose_form_does_not_parse_is_refused_with_400()
    {
        var client = App.CreateClientFrom(ClientAddresses.Next());
        var unfinished = new StringContent("--x\r\nContent-Disposition: form-data; name=\"Input.Email\"\r\n\r\nno closing boundary");
        unfinished.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        var response = await client.PostAsync(SignInForm.Path, unfinished);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Nobody() => $"nobody-{Guid.NewGuid():N}@test.local";
}
