using System.Net;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Users;

public sealed class UserAdministrationTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task An_invited_user_gets_a_generated_password_that_signs_them_in_and_appears_in_no_audit_record()
    {
        var umbrella = await app.AddEmployerAsync("Umbrella Health");
        var stark = await app.AddEmployerAsync("Stark Logistics");
        var admin = await app.AddUserAsync(Role.Admin);
        var email = $"pat-{Guid.NewGuid():N}@peo.example";

        var result = await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(new NewUser(email, " Pat PEO ", [Role.EmployerAdmin], [umbrella.Id, stark.Id], Password: null)));

        var issued = Assert.IsType<UserChangeResult.PasswordIssued>(result);
        Assert.Equal("Pat PEO", issued.User.DisplayName);
        Assert.Equal([Role.EmployerAdmin], issued.User.Roles);
        Assert.Equal(["Stark Logistics", "Umbrella Health"], issued.User.Employers.Select(e => e.Name));
        Assert.DoesNotContain(issued.Password.Value, issued.ToString());
        Assert.True(await PasswordWorksAsync(email, issued.Password.Value));

        var records = await AuditOfAsync(issued.User.Id);
        var created = Assert.Single(records, r => r.Action == AuditAction.UserCreated);
        Assert.Equal(AuditOutcome.Succeeded, created.Outcome);
        Assert.Equal(admin.Id, created.ActorUserId);
        Assert.Contains("Pat PEO", created.Detail);
        Assert.Equal(
            new Guid?[] { umbrella.Id, stark.Id }.Order(),
            records.Where(r => r.Action == AuditAction.GrantsChanged).Select(r => r.EmployerId).Order());
        Assert.All(records, r => Assert.DoesNotContain(issued.Password.Value, r.Detail ?? ""));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(issued.Password.Value));
    }

    [Fact]
    public async Task A_typed_password_must_pass_the_password_rules_and_a_taken_email_is_refused_once()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var existing = await app.AddUserAsync(Role.Support);
        var email = $"weak-{Guid.NewGuid():N}@test.local";

        var weak = Assert.IsType<UserChangeResult.Refused>(
            await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(new NewUser(email, "Weak", [Role.Support], [], "short"))));
        var taken = Assert.IsType<UserChangeResult.Refused>(
            await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(new NewUser(existing.Email, "Again", [Role.Support], [], "A-good-Passw0rd!"))));
        var typed = Assert.IsType<UserChangeResult.Saved>(
            await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(new NewUser($"typed-{Guid.NewGuid():N}@test.local", "Typed", [Role.Support], [], "A-good-Passw0rd!"))));

        Assert.Contains(weak.Problems, p => p.Contains("at least 12 characters"));
        Assert.Null(await app.FindUserAsync(email));
        Assert.Contains("is already taken", Assert.Single(taken.Problems));
        Assert.True(await PasswordWorksAsync(typed.User.Email, "A-good-Passw0rd!"));
    }

    [Fact]
    public async Task Grants_must_fit_the_roles()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var employer = await app.AddEmployerAsync("Grant Co");
        NewUser New(IReadOnlyCollection<Role> roles, params Guid[] employers) =>
            new($"g-{Guid.NewGuid():N}@test.local", "G", roles, employers, null);

        var supportWithGrant = Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(New([Role.Support], employer.Id))));
        var employerAdminWithout = Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(New([Role.EmployerAdmin]))));
        var noRole = Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(New([]))));
        var unknownEmployer = Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(New([Role.AccountManager], Guid.NewGuid()))));

        Assert.Contains("see every employer already", Assert.Single(supportWithGrant.Problems));
        Assert.Contains("needs at least one employer", Assert.Single(employerAdminWithout.Problems));
        Assert.Contains("at least one role", Assert.Single(noRole.Problems));
        Assert.Contains("no longer exists", Assert.Single(unknownEmployer.Problems));
        Assert.IsType<UserChangeResult.PasswordIssued>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(New([Role.AccountManager]))));
    }

    [Theory]
    [InlineData(Role.AccountManager)]
    [InlineData(Role.Support)]
    [InlineData(Role.EmployerAdmin)]
    public async Task Only_admins_manage_users_and_refusals_are_audited(Role role)
    {
        var employer = await app.AddEmployerAsync("Refusing Co");
        var caller = await app.AddUserAsync(role, employer);
        var target = await app.AddUserAsync(Role.EmployerAdmin, employer);

        var refusals = new[]
        {
            await app.AdministerUsersAsAsync(caller, users => users.CreateAsync(new NewUser($"x-{Guid.NewGuid():N}@test.local", "X", [Role.Admin], [], null))),
            await app.AdministerUsersAsAsync(caller, users => users.DeactivateAsync(target.Id)),
            await app.AdministerUsersAsAsync(caller, users => users.ResetPasswordAsync(target.Id)),
            await app.AdministerUsersAsAsync(caller, users => users.ChangeAccessAsync(target.Id, [Role.Admin], [])),
            await app.AdministerUsersAsAsync(caller, users => users.ResetMfaAsync(target.Id)),
        };

        Assert.All(refusals, r => Assert.Equal("Only admins manage users.", Assert.Single(Assert.IsType<UserChangeResult.Refused>(r).Problems)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => app.AdministerUsersAsAsync(caller, users => users.ListAsync(new UserListQuery(null, null, null, new PageRequest(0, 10)))));
        var denied = (await AuditOfAsync(target.Id)).Where(r => r.ActorUserId == caller.Id).ToList();
        Assert.Equal([AuditAction.UserDeactivated, AuditAction.PasswordReset, AuditAction.RolesChanged, AuditAction.AuthenticatorReset], denied.Select(r => r.Action));
        Assert.All(denied, r => Assert.Equal(AuditOutcome.Denied, r.Outcome));
        var unchanged = await app.FindUserAsync(target.Email!);
        Assert.Null(unchanged!.DeactivatedAt);
        Assert.True(await PasswordWorksAsync(target.Email!, DashboardFactory.Password));
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_and_is_told_why_only_with_the_right_password()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var user = await app.AddUserAsync(Role.Support);
        var stampBefore = user.SecurityStamp;
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(user.Email!, DashboardFactory.Password)).StatusCode);

        var deactivated = Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.DeactivateAsync(user.Id)));

        Assert.True(deactivated.User.IsDeactivated);
        Assert.NotEqual(stampBefore, (await app.FindUserAsync(user.Email!))!.SecurityStamp);
        var refused = await PostLoginAsync(user.Email!, DashboardFactory.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("finch_dashboard=")));
        Assert.Contains("This account has been deactivated", await refused.Content.ReadAsStringAsync());
        var wrongPassword = await PostLoginAsync(user.Email!, "Not-the-password-1");
        Assert.Contains("do not match an active account", await wrongPassword.Content.ReadAsStringAsync());
        Assert.Equal(AuditOutcome.Succeeded, Assert.Single(await AuditOfAsync(user.Id), r => r.Action == AuditAction.UserDeactivated).Outcome);

        Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.ReactivateAsync(user.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(user.Email!, DashboardFactory.Password)).StatusCode);
        Assert.Single(await AuditOfAsync(user.Id), r => r.Action == AuditAction.UserReactivated);
    }

    [Fact]
    public async Task An_admin_resets_a_lost_authenticator_audited_and_the_user_sets_up_a_new_one_at_their_next_sign_in()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var manager = await app.AddUserAsync(Role.AccountManager);
        var oldKey = await app.EnrolMfaAsync(manager);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(manager.Id))!, 10);
        }

        var before = (await app.FindUserAsync(manager.Email!))!;
        var listed = Assert.Single((await app.AdministerUsersAsAsync(admin, users => users.ListAsync(new UserListQuery(manager.Email, null, null, new PageRequest(0, 10))))).Items);
        Assert.True(listed.MfaEnabled);

        var reset = Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.ResetMfaAsync(manager.Id)));

        Assert.False(reset.User.MfaEnabled);
        Assert.True(reset.User.MfaRequired);
        var after = (await app.FindUserAsync(manager.Email!))!;
        Assert.False(after.TwoFactorEnabled);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            Assert.NotEqual(oldKey, await users.GetAuthenticatorKeyAsync(after));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(after));
        }

        var record = Assert.Single(await AuditOfAsync(manager.Id), r => r.Action == AuditAction.AuthenticatorReset);
        Assert.Equal((AuditOutcome.Succeeded, admin.Id), (record.Outcome, record.ActorUserId));
        Assert.Contains("their open sessions end", record.Detail);

        // The password now leads to setting up a new app, not to the old app's code.
        var client = app.CreateHttpsClient();
        var password = await SignInForm.PostFormAsync(client, "/account/login", "login", ("Input.Email", manager.Email!), ("Input.Password", DashboardFactory.Password));
        Assert.Equal("/account/login-2fa", password.Headers.Location!.AbsolutePath);
        Assert.Equal("/account/mfa", (await client.GetAsync("/account/login-2fa")).Headers.Location!.AbsolutePath);
        Assert.Equal("/account/mfa", (await client.GetAsync("/account/login-recovery")).Headers.Location!.AbsolutePath);

        var again = Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.ResetMfaAsync(manager.Id)));
        Assert.Contains("nothing to reset", Assert.Single(again.Problems));
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves()
    {
        var admin = await app.AddUserAsync(Role.Admin);

        var result = Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.DeactivateAsync(admin.Id)));

        Assert.Contains("your own account", Assert.Single(result.Problems));
        Assert.Null((await app.FindUserAsync(admin.Email!))!.DeactivatedAt);
    }

    [Fact]
    public async Task Resetting_a_password_issues_a_new_one_and_retires_the_old()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var user = await app.AddUserAsync(Role.AccountManager);

        var reset = Assert.IsType<UserChangeResult.PasswordIssued>(await app.AdministerUsersAsAsync(admin, users => users.ResetPasswordAsync(user.Id)));

        Assert.False(await PasswordWorksAsync(user.Email!, DashboardFactory.Password));
        Assert.True(await PasswordWorksAsync(user.Email!, reset.Password.Value));
        Assert.NotEqual(user.SecurityStamp, (await app.FindUserAsync(user.Email!))!.SecurityStamp);
        var record = Assert.Single(await AuditOfAsync(user.Id), r => r.Action == AuditAction.PasswordReset);
        Assert.DoesNotContain(reset.Password.Value, record.Detail);
    }

    [Fact]
    public async Task Unlocking_ends_a_lockout()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var user = await app.AddUserAsync(Role.EmployerAdmin, await app.AddEmployerAsync("Lockout Co"));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await PasswordWorksAsync(user.Email!, "Wrong-password-1", lockoutOnFailure: true);
        }

        var locked = await app.AdministerUsersAsAsync(admin, users => users.FindAsync(user.Id));
        Assert.True(locked!.IsLockedOut);

        var unlocked = Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.UnlockAsync(user.Id)));

        Assert.False(unlocked.User.IsLockedOut);
        Assert.True(await PasswordWorksAsync(user.Email!, DashboardFactory.Password, lockoutOnFailure: true));
        Assert.Single(await AuditOfAsync(user.Id), r => r.Action == AuditAction.UserUnlocked);
        Assert.IsType<UserChangeResult.Refused>(await app.AdministerUsersAsAsync(admin, users => users.UnlockAsync(user.Id)));
    }

    [Fact]
    public async Task A_PEO_admin_granted_a_second_employer_sees_it_and_each_grant_is_audited_under_its_employer()
    {
        var first = await app.AddEmployerAsync("First Employer");
        var second = await app.AddEmployerAsync("Second Employer");
        var admin = await app.AddUserAsync(Role.Admin);
        var peo = await app.AddUserAsync(Role.EmployerAdmin, first);

        var changed = Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.ChangeAccessAsync(peo.Id, [Role.EmployerAdmin], [first.Id, second.Id])));

        Assert.Equal(["First Employer", "Second Employer"], changed.User.Employers.Select(e => e.Name));
        await using (var scope = await app.SignedInScopeAsync(peo))
        {
            var caller = await scope.ServiceProvider.GetRequiredService<CurrentCaller>().GetAsync();
            Assert.True(caller.Scope.Includes(second.Id));
        }

        Assert.Equal(peo.SecurityStamp, (await app.FindUserAsync(peo.Email!))!.SecurityStamp);
        var granted = Assert.Single(await AuditOfAsync(peo.Id), r => r.Action == AuditAction.GrantsChanged);
        Assert.Equal(second.Id, granted.EmployerId);

        Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.ChangeAccessAsync(peo.Id, [Role.EmployerAdmin], [second.Id])));

        var revoked = (await AuditOfAsync(peo.Id)).Where(r => r.Action == AuditAction.GrantsChanged).MaxBy(r => r.OccurredAt)!;
        Assert.Equal(first.Id, revoked.EmployerId);
        Assert.Contains("Removed", revoked.Detail);
    }

    [Fact]
    public async Task Changing_roles_ends_the_users_sessions_and_is_audited()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var user = await app.AddUserAsync(Role.AccountManager, await app.AddEmployerAsync("Book Co"));

        var changed = Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.ChangeAccessAsync(user.Id, [Role.Support], [])));

        Assert.Equal([Role.Support], changed.User.Roles);
        Assert.Empty(changed.User.Employers);
        Assert.True(changed.User.SeesEveryEmployer);
        Assert.NotEqual(user.SecurityStamp, (await app.FindUserAsync(user.Email!))!.SecurityStamp);
        var record = Assert.Single(await AuditOfAsync(user.Id), r => r.Action == AuditAction.RolesChanged);
        Assert.Contains("Account manager → Support", record.Detail);
    }

    [Fact]
    public async Task The_list_searches_filters_and_pages_in_the_database()
    {
        var admin = await app.AddUserAsync(Role.Admin);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var employer = await app.AddEmployerAsync("Listed Co");
        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<UserChangeResult.PasswordIssued>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(
                new NewUser($"{marker}-{i}@list.example", $"Listed {marker} {i}", [Role.EmployerAdmin], [employer.Id], null))));
        }

        var support = Assert.IsType<UserChangeResult.PasswordIssued>(await app.AdministerUsersAsAsync(admin, users => users.CreateAsync(
            new NewUser($"{marker}-support@list.example", $"Listed {marker} support", [Role.Support], [], null))));
        Assert.IsType<UserChangeResult.Saved>(await app.AdministerUsersAsAsync(admin, users => users.DeactivateAsync(support.User.Id)));

        var firstPage = await app.AdministerUsersAsAsync(admin, users => users.ListAsync(new UserListQuery(marker, null, null, new PageRequest(0, 2))));
        var secondPage = await app.AdministerUsersAsAsync(admin, users => users.ListAsync(new UserListQuery(marker, null, null, new PageRequest(2, 2))));
        var employerAdmins = await app.AdministerUsersAsAsync(admin, users => users.ListAsync(new UserListQuery(marker, Role.EmployerAdmin, null, new PageRequest(0, 10))));
        var deactivated = await app.AdministerUsersAsAsync(admin, users => users.ListAsync(new UserListQuery(marker, null, UserStatus.Deactivated, new PageRequest(0, 10))));

        Assert.Equal(4, firstPage.TotalCount);
        Assert.Equal([$"Listed {marker} 0", $"Listed {marker} 1"], firstPage.Items.Select(u => u.DisplayName));
        Assert.Equal([$"Listed {marker} 2", $"Listed {marker} support"], secondPage.Items.Select(u => u.DisplayName));
        Assert.Equal(3, employerAdmins.TotalCount);
        Assert.All(employerAdmins.Items, u => Assert.Equal("Listed Co", Assert.Single(u.Employers).Name));
        Assert.Equal(support.User.Id, Assert.Single(deactivated.Items).Id);
    }

    private async Task<bool> PasswordWorksAsync(string email, string password, bool lockoutOnFailure = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email);
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>();
        // For a user with two-step sign-in, Identity asks the request whether this browser is remembered.
        signIn.Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var result = await signIn.CheckPasswordSignInAsync(user!, password, lockoutOnFailure);
        return result.Succeeded;
    }

    private async Task<List<AuditRecord>> AuditOfAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        return await db.AuditLog.Where(r => r.TargetType == "user" && r.TargetId == userId).OrderBy(r => r.OccurredAt).ThenBy(r => r.Id).ToListAsync();
    }

    private Task<HttpResponseMessage> PostLoginAsync(string email, string password) =>
        SignInForm.PostAsync(app.CreateHttpsClient(), email, password);
}
