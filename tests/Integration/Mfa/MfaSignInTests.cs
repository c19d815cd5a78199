using System.Net;
using System.Text.RegularExpressions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Mfa;

/// <summary>Two-step sign-in through the real sign-in pages, as a browser posts them.</summary>
public sealed partial class MfaSignInTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private static readonly string[] SignedInPages = ["/", "/employers", "/connections", "/admin/users", "/connections/export"];

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.AccountManager)]
    public async Task A_role_that_requires_it_reaches_nothing_after_the_password_until_it_has_set_up_an_authenticator(Role role)
    {
        var user = await app.AddUserAsync(role);
        var client = NewClient();

        var password = await PasswordAsync(client, user, "/account/login?ReturnUrl=%2Femployers");

        Assert.Equal("/account/login-2fa", password.Headers.Location!.AbsolutePath);
        Assert.False(StartsSession(password));
        await AssertSignedOutAsync(client);
        Assert.Equal("/account/mfa", (await client.GetAsync("/account/login-2fa?ReturnUrl=%2Femployers")).Headers.Location!.AbsolutePath);

        var setup = await client.GetStringAsync("/account/mfa?ReturnUrl=%2Femployers");
        Assert.Contains("src=\"data:image/png;base64,", setup);
        var key = SignInForm.AuthenticatorKeyOf(setup);
        Assert.Equal(32, key.Replace(" ", "").Length);

        var wrong = await SignInForm.PostFormAsync(client, "/account/mfa?ReturnUrl=%2Femployers", "mfa-enrol", ("Input.Code", AuthenticatorApp.WrongCode(key)));
        Assert.Contains("That code does not match", await wrong.Content.ReadAsStringAsync());
        Assert.False(StartsSession(wrong));
        await AssertSignedOutAsync(client);

        var enrolled = await SignInForm.PostFormAsync(client, "/account/mfa?ReturnUrl=%2Femployers", "mfa-enrol", ("Input.Code", await app.Authenticator.NextCodeAsync(key)));

        Assert.True(StartsSession(enrolled));
        var page = await enrolled.Content.ReadAsStringAsync();
        Assert.Contains("Store these recovery codes now", page);
        Assert.Equal(10, RecoveryCode().Matches(page).Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.Contains("href=\"/employers\"", ContinueLink().Match(page).Value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employers")).StatusCode);
        Assert.True((await FindAsync(user)).TwoFactorEnabled);
        var record = Assert.Single(await AuditOfAsync(user), r => r.Action == AuditAction.AuthenticatorEnrolled);
        Assert.Equal(user.Id, record.ActorUserId);
    }

    [Fact]
    public async Task Support_without_two_step_sign_in_signs_in_with_the_password_alone()
    {
        var user = await app.AddUserAsync(Role.Support);
        var client = NewClient();

        var password = await PasswordAsync(client, user);

        Assert.Equal("/", password.Headers.Location!.AbsolutePath);
        Assert.True(StartsSession(password));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employers")).StatusCode);
    }

    [Fact]
    public async Task The_right_code_signs_in_once_and_a_wrong_one_not_at_all()
    {
        var user = await app.AddUserAsync(Role.Admin);
        var key = await app.EnrolMfaAsync(user);
        var client = NewClient();
        var secondStep = (await PasswordAsync(client, user, "/account/login?ReturnUrl=%2Femployers")).Headers.Location!.PathAndQuery;

        var wrong = await CodeAsync(client, AuthenticatorApp.WrongCode(key), secondStep);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        Assert.False(StartsSession(wrong));
        await AssertSignedOutAsync(client);
        Assert.Equal(1, (await FindAsync(user)).AccessFailedCount);

        var code = await app.Authenticator.NextCodeAsync(key);
        var right = await CodeAsync(client, code, secondStep);

        Assert.Equal("/employers", right.Headers.Location!.AbsolutePath);
        Assert.True(StartsSession(right));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employers")).StatusCode);
        Assert.Equal(0, (await FindAsync(user)).AccessFailedCount);

        // Someone who saw the code, with the password, cannot use it again while it is still current.
        var replay = NewClient();
        await PasswordAsync(replay, user);
        var replayed = await CodeAsync(replay, code);
        Assert.Contains("it has been used already", await replayed.Content.ReadAsStringAsync());
        Assert.False(StartsSession(replayed));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var user = await app.AddUserAsync(Role.AccountManager);
        await app.EnrolMfaAsync(user);
        var codes = await RecoveryCodesAsync(user);
        var client = NewClient();
        await PasswordAsync(client, user);
        Assert.Contains("href=\"account/login-recovery\"", await client.GetStringAsync("/account/login-2fa"));

        var first = await RecoveryAsync(client, codes[0]);

        Assert.Equal("/account/mfa", first.Headers.Location!.AbsolutePath);
        Assert.True(StartsSession(first));
        Assert.Contains("You have 9 recovery codes left.", await client.GetStringAsync("/account/mfa"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employers")).StatusCode);

        var again = NewClient();
        await PasswordAsync(again, user);
        var reused = await RecoveryAsync(again, codes[0]);
        Assert.Contains("That recovery code is not right, or it has been used already.", await reused.Content.ReadAsStringAsync());
        Assert.False(StartsSession(reused));
        // Typed in lower case with a space, as people copy them.
        Assert.True(StartsSession(await RecoveryAsync(again, " " + codes[1].ToLowerInvariant())));
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_as_wrong_passwords_do()
    {
        var user = await app.AddUserAsync(Role.Admin);
        var key = await app.EnrolMfaAsync(user);
        var codes = await RecoveryCodesAsync(user);
        var client = NewClient();
        await PasswordAsync(client, user);

        // Each wrong code counts once, whichever kind: four leave the account open, the fifth locks it.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.False(StartsSession(await CodeAsync(client, AuthenticatorApp.WrongCode(key))));
            Assert.DoesNotContain("locked", await (await RecoveryAsync(client, "WRONG-CODES")).Content.ReadAsStringAsync());
        }

        Assert.Equal(4, (await FindAsync(user)).AccessFailedCount);
        Assert.Contains("This account is locked", await (await CodeAsync(client, AuthenticatorApp.WrongCode(key))).Content.ReadAsStringAsync());

        var right = await CodeAsync(client, await app.Authenticator.NextCodeAsync(key));
        Assert.Contains("This account is locked", await right.Content.ReadAsStringAsync());
        Assert.False(StartsSession(right));
        var recovery = await RecoveryAsync(client, codes[0]);
        Assert.Contains("This account is locked", await recovery.Content.ReadAsStringAsync());
        Assert.False(StartsSession(recovery));
    }

    [Fact]
    public async Task A_user_deactivated_after_giving_the_password_cannot_finish_signing_in()
    {
        var enrolled = await app.AddUserAsync(Role.Admin);
        var key = await app.EnrolMfaAsync(enrolled);
        var codes = await RecoveryCodesAsync(enrolled);
        var notEnrolled = await app.AddUserAsync(Role.AccountManager);
        var withCode = NewClient();
        var settingUp = NewClient();
        await PasswordAsync(withCode, enrolled);
        await PasswordAsync(settingUp, notEnrolled);
        Assert.NotEmpty(SignInForm.AuthenticatorKeyOf(await settingUp.GetStringAsync("/account/mfa")));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
            await db.Users.Where(u => u.Id == enrolled.Id || u.Id == notEnrolled.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTimeOffset.UtcNow));
        }

        Assert.False(StartsSession(await CodeAsync(withCode, await app.Authenticator.NextCodeAsync(key))));
        Assert.False(StartsSession(await RecoveryAsync(withCode, codes[0])));
        Assert.Equal("/account/login", (await settingUp.GetAsync("/account/mfa")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_support_user_turns_it_on_from_their_account_and_renews_their_recovery_codes()
    {
        var user = await app.AddUserAsync(Role.Support);
        var client = await app.SignedInClientAsync(user);
        var key = SignInForm.AuthenticatorKeyOf(await client.GetStringAsync("/account/mfa"));

        var enrolled = await SignInForm.PostFormAsync(client, "/account/mfa", "mfa-enrol", ("Input.Code", await app.Authenticator.NextCodeAsync(key)));
        var firstCodes = RecoveryCode().Matches(await enrolled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(10, firstCodes.Count);
        // Turning it on changed the security stamp; the page signed this browser in again, with the second factor.
        Assert.True(StartsSession(enrolled));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/employers")).StatusCode);
        Assert.Contains("You have 10 recovery codes left.", await client.GetStringAsync("/account/mfa"));

        var renewed = await SignInForm.PostFormAsync(client, "/account/mfa", "mfa-renew");
        var newCodes = RecoveryCode().Matches(await renewed.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(firstCodes));
        Assert.Single(await AuditOfAsync(user), r => r.Action == AuditAction.RecoveryCodesRenewed);
        var next = NewClient();
        await PasswordAsync(next, user);
        Assert.False(StartsSession(await RecoveryAsync(next, firstCodes[0])));
        Assert.True(StartsSession(await RecoveryAsync(next, newCodes[0])));
    }

    [Fact]
    public async Task Opening_the_set_up_page_twice_at_once_shows_one_key_and_no_error()
    {
        // A double click, two tabs, or a menu link that the browser follows while Blazor navigates too.
        var user = await app.AddUserAsync(Role.Support);
        var client = await app.SignedInClientAsync(user);

        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync("/account/mfa")));

        Assert.All(pages, page => Assert.Equal(HttpStatusCode.OK, page.StatusCode));
        var keys = await Task.WhenAll(pages.Select(async page => SignInForm.AuthenticatorKeyOf(await page.Content.ReadAsStringAsync())));
        Assert.Single(keys.Distinct());
        Assert.Equal(keys[0], SignInForm.AuthenticatorKeyOf(await client.GetStringAsync("/account/mfa")));
    }

    [Fact]
    public async Task A_session_with_the_second_factor_outlives_the_periodic_check_and_one_without_it_ends()
    {
        // The security stamp is checked on every request here, as it is every minute in production.
        using var everyRequest = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero)));
        var admin = await app.AddUserAsync(Role.Admin);
        var key = await app.EnrolMfaAsync(admin);
        var withCode = everyRequest.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        await PasswordAsync(withCode, admin);
        Assert.True(StartsSession(await CodeAsync(withCode, await app.Authenticator.NextCodeAsync(key))));

        for (var request = 0; request < 3; request++)
        {
            Assert.Equal(HttpStatusCode.OK, (await withCode.GetAsync("/employers")).StatusCode);
        }

        // A session from before the user needed the second factor (here: switched on behind its back) ends.
        var support = await app.AddUserAsync(Role.Support);
        var withoutCode = everyRequest.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        Assert.True(StartsSession(await PasswordAsync(withoutCode, support)));
        Assert.Equal(HttpStatusCode.OK, (await withoutCode.GetAsync("/employers")).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
            await db.Users.Where(u => u.Id == support.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true));
        }

        Assert.Equal("/account/login", (await withoutCode.GetAsync("/employers")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task No_way_of_signing_in_gives_a_session_without_the_second_factor_to_a_user_who_needs_one()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var enrolledSupport = await app.AddUserAsync(Role.Support);
        await app.EnrolMfaAsync(enrolledSupport);
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>();
        signIn.Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        foreach (var user in new[] { admin, enrolledSupport })
        {
            var stored = (await signIn.UserManager.FindByIdAsync(user.Id))!;
            await Assert.ThrowsAsync<InvalidOperationException>(() => signIn.SignInAsync(stored, isPersistent: false));
        }
    }

    private HttpClient NewClient() => app.CreateHttpsClient();

    private static Task<HttpResponseMessage> PasswordAsync(HttpClient client, DashboardUser user, string path = "/account/login") =>
        SignInForm.PostFormAsync(client, path, "login", ("Input.Email", user.Email!), ("Input.Password", DashboardFactory.Password));

    private static Task<HttpResponseMessage> CodeAsync(HttpClient client, string code, string secondStep = "/account/login-2fa") =>
        SignInForm.PostFormAsync(client, secondStep, "login-2fa", ("Input.Code", code));

    private static Task<HttpResponseMessage> RecoveryAsync(HttpClient client, string code) =>
        SignInForm.PostFormAsync(client, "/account/login-recovery", "login-recovery", ("Input.Code", code));

    private static bool StartsSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.Contains("finch_dashboard=", StringComparison.Ordinal));

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        foreach (var path in SignedInPages)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/login",
                $"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private async Task<DashboardUser> FindAsync(DashboardUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByIdAsync(user.Id))!;
    }

    private async Task<List<string>> RecoveryCodesAsync(DashboardUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 10))!];
    }

    private async Task<List<AuditRecord>> AuditOfAsync(DashboardUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        return await db.AuditLog.Where(r => r.TargetType == "user" && r.TargetId == user.Id).ToListAsync();
    }

    [GeneratedRegex("data-testid=\"recovery-code\"[^>]*>([^<]+)<")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<a [^>]*data-testid=\"continue\"[^>]*>")]
    private static partial Regex ContinueLink();
}
