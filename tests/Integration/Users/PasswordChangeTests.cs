using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Users;

public sealed class PasswordChangeTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private const string ChosenPassword = "Chosen-Password-42";

    [Fact]
    public async Task A_generated_password_opens_only_the_change_password_page_until_the_user_chooses_their_own()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var email = $"invited-{Guid.NewGuid():N}@test.local";
        var issued = Assert.IsType<UserChangeResult.PasswordIssued>(
            await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(new NewUser(email, "Invited Admin", [Role.Admin], [], Password: null))));
        var browser = new HttpBrowser(app);
        var password = await browser.SubmitAsync(SignInForm.Path, "login", ("Input.Email", email), ("Input.Password", issued.Password.Value));
        // Their role needs two-step sign-in: the second factor comes first, then their own password.
        Assert.Equal("/account/login-2fa", password.Headers.Location?.AbsolutePath);
        Assert.Contains("data-testid=\"recovery-code\"", await (await browser.EnrolAuthenticatorAsync(app.Authenticator)).Content.ReadAsStringAsync());

        foreach (var held in new[] { "/", "/connections", "/admin/users", "/connections/export?tab=live", "/account/sign-out-everywhere", "/_blazor/negotiate" })
        {
            AssertHeldAtChangePassword(await browser.GetAsync(held));
        }

        AssertHeldAtChangePassword(await browser.Client.PostAsync("/account/activity", null));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app.css")).StatusCode);
        Assert.Contains("data-testid=\"password-change-required\"", await (await browser.GetAsync("/account/change-password")).Content.ReadAsStringAsync());

        var changed = await ChangePasswordAsync(browser, issued.Password.Value, ChosenPassword);

        Assert.Contains("data-testid=\"password-changed\"", changed);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var export = await browser.GetAsync("/connections/export?tab=live");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var user = (await app.FindUserAsync(email))!;
        Assert.False(user.PasswordChangeRequired);
        var record = Assert.Single(await AuditOfAsync(user.Id), r => r.Action == AuditAction.PasswordChanged);
        Assert.Equal(user.Id, record.ActorUserId);
        Assert.DoesNotContain(ChosenPassword, record.Detail);
    }

    [Fact]
    public async Task A_password_reset_holds_the_user_at_the_change_password_page_again()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var user = await app.AddUserAsync(Role.Support);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInBrowserAsync(user)).GetAsync("/")).StatusCode);

        var reset = Assert.IsType<UserChangeResult.PasswordIssued>(await app.AdministerUsersAsAsync(admin, users => users.ResetPasswordAsync(user.Id)));

        var browser = await HttpBrowser.SignedInAsync(app, user.Email!, reset.Password.Value);
        AssertHeldAtChangePassword(await browser.GetAsync("/"));
        Assert.True((await app.FindUserAsync(user.Email!))!.PasswordChangeRequired);
    }

    [Fact]
    public async Task A_typed_password_needs_no_change()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var email = $"typed-{Guid.NewGuid():N}@test.local";
        Assert.IsType<UserChangeResult.Saved>(
            await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(new NewUser(email, "Typed", [Role.Support], [], ChosenPassword))));

        var browser = await HttpBrowser.SignedInAsync(app, email, ChosenPassword);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("Not-the-password-1", ChosenPassword, ChosenPassword, "Your current password is not right")]
    [InlineData(DashboardFactory.Password, DashboardFactory.Password, DashboardFactory.Password, "different from the one you have now")]
    [InlineData(DashboardFactory.Password, "short", "short", "at least 12 characters")]
    [InlineData(DashboardFactory.Password, ChosenPassword, "Chosen-Password-43", "The two new passwords differ")]
    public async Task A_wrong_current_password_the_same_one_a_weak_one_or_a_mistyped_repeat_is_refused(
        string current, string chosen, string repeated, string problem)
    {
        var user = await app.AddUserAsync(Role.Support);
        var browser = await app.SignedInBrowserAsync(user);

        var page = await ChangePasswordAsync(browser, current, chosen, repeated);

        Assert.Contains(problem, page);
        Assert.DoesNotContain("data-testid=\"password-changed\"", page);
        await app.SignedInBrowserAsync(user);
    }

    [Fact]
    public async Task Changing_your_own_password_ends_your_other_sessions_and_keeps_this_one()
    {
        var user = await app.AddUserAsync(Role.Support);
        var laptop = await app.SignedInBrowserAsync(user);
        var phone = await app.SignedInBrowserAsync(user);

        Assert.Contains("data-testid=\"password-changed\"", await ChangePasswordAsync(laptop, DashboardFactory.Password, ChosenPassword));

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/")).StatusCode);
        var other = await phone.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Equal("/account/login", other.Headers.Location!.AbsolutePath);
        await app.SignedInBrowserAsync(user, ChosenPassword);
    }

    [Fact]
    public async Task Someone_signed_in_with_two_steps_keeps_their_second_factor_when_they_change_their_password()
    {
        var user = await app.AddUserAsync(Role.AccountManager);
        var browser = await app.SignedInBrowserAsync(user);

        Assert.Contains("data-testid=\"password-changed\"", await ChangePasswordAsync(browser, DashboardFactory.Password, ChosenPassword));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/connections")).StatusCode);
    }

    private static async Task<string> ChangePasswordAsync(HttpBrowser browser, string current, string chosen, string? repeated = null)
    {
        var response = await browser.SubmitAsync("/account/change-password", "change-password",
            ("Input.CurrentPassword", current), ("Input.NewPassword", chosen), ("Input.RepeatedPassword", repeated ?? chosen));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertHeldAtChangePassword(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/change-password", response.Headers.Location!.OriginalString);
    }

    private async Task<List<AuditRecord>> AuditOfAsync(string userId)
    {
        await using var db = await app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.AuditLog.Where(r => r.TargetType == "user" && r.TargetId == userId).ToListAsync();
    }
}
