using System.Net;
using System.Security.Claims;
using System.Text;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Access;

/// <summary>Sessions held in PostgreSQL: ending one ends it for every copy of its cookie, and for its open circuits.</summary>
public sealed class SignInSessionTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_sign_out_opens_nothing_after_it()
    {
        var user = await app.AddUserAsync(Role.Support);
        var browser = await app.SignedInBrowserAsync(user);
        var copy = browser.Copy();
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);

        var signedOut = await browser.SignOutAsync();

        Assert.Equal("/account/login", signedOut.Headers.Location!.OriginalString);
        AssertSentToSignIn(await copy.GetAsync("/"));
        Assert.Empty(await SessionsOfAsync(user.Id));
    }

    public static TheoryData<string> EndingChanges => ["deactivate", "reset password", "change roles"];

    [Theory]
    [MemberData(nameof(EndingChanges))]
    public async Task An_admin_change_ends_every_session_of_that_user_at_once_and_no_one_elses(string change)
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var user = await app.AddUserAsync(Role.Support);
        var bystander = await app.AddUserAsync(Role.Support);
        var laptop = await app.SignedInBrowserAsync(user);
        var phone = await app.SignedInBrowserAsync(user);
        var copy = laptop.Copy();
        var other = await app.SignedInBrowserAsync(bystander);

        await using (var scope = await app.SignedInScopeAsync(admin))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var result = change switch
            {
                "deactivate" => await users.DeactivateAsync(user.Id),
                "reset password" => await users.ResetPasswordAsync(user.Id),
                _ => await users.ChangeAccessAsync(user.Id, [Role.Admin], []),
            };
            Assert.IsNotType<UserChangeResult.Refused>(result);
        }

        AssertSentToSignIn(await laptop.GetAsync("/"));
        AssertSentToSignIn(await phone.GetAsync("/"));
        AssertSentToSignIn(await copy.GetAsync("/"));
        Assert.Empty(await SessionsOfAsync(user.Id));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_user_and_no_one_elses()
    {
        var user = await app.AddUserAsync(Role.Support);
        var bystander = await app.AddUserAsync(Role.Support);
        var laptop = await app.SignedInBrowserAsync(user);
        var phone = await app.SignedInBrowserAsync(user);
        var other = await app.SignedInBrowserAsync(bystander);

        var signedOut = await phone.SubmitAsync("/account/sign-out-everywhere", "sign-out-everywhere", []);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/login", signedOut.Headers.Location!.AbsolutePath);
        AssertSentToSignIn(await laptop.GetAsync("/"));
        AssertSentToSignIn(await phone.GetAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);
        await using var db = await app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Single(await db.AuditLog.Where(r => r.TargetId == user.Id && r.Action == AuditAction.SignedOutEverywhere).ToListAsync());
    }

    [Fact]
    public async Task An_open_circuit_ends_once_its_session_is_signed_out()
    {
        var user = await app.AddUserAsync(Role.Support);
        var browser = await app.SignedInBrowserAsync(user);
        var circuitUser = await app.SessionPrincipalAsync(user.Id);
        await using var circuit = app.Services.CreateAsyncScope();
        var revalidation = (RevalidatingAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        Assert.True(await revalidation.IsStillSignedInAsync(circuitUser, CancellationToken.None));

        await browser.SignOutAsync();

        Assert.False(await revalidation.IsStillSignedInAsync(circuitUser, CancellationToken.None));
    }

    [Fact]
    public async Task The_cookie_carries_only_the_session_id_and_the_database_only_a_protected_ticket()
    {
        var user = await app.AddUserAsync(Role.Support);
        await app.SignedInBrowserAsync(user);

        var session = Assert.Single(await SessionsOfAsync(user.Id));

        Assert.DoesNotContain(user.Email!, Encoding.UTF8.GetString(session.Ticket));
        var restored = await app.SessionPrincipalAsync(user.Id);
        Assert.Equal(user.Id, restored.FindFirst(ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal(session.Id, restored.FindFirst(DashboardClaims.SessionId)?.Value);
    }

    private async Task<List<SignInSession>> SessionsOfAsync(string userId)
    {
        await using var db = await app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.SignInSessions.Where(s => s.UserId == userId).ToListAsync();
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
