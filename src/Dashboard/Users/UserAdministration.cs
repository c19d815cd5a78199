using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Employers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Users;

public sealed record EmployerName(Guid Id, string Name);

public sealed record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<Role> Roles,
    IReadOnlyList<EmployerName> Employers,
    DateTimeOffset? LockedOutUntil,
    DateTimeOffset? DeactivatedAt)
{
    public bool IsDeactivated => DeactivatedAt is not null;

    public bool IsLockedOut => LockedOutUntil is not null;

    public bool SeesEveryEmployer => Domain.Access.Roles.SeeEveryEmployer(Roles);

    /// <summary>Whether they sign in with an authenticator app's code as well as their password.</summary>
    public bool MfaEnabled { get; init; }

    /// <summary>Whether their roles require the authenticator code: without it, they set it up at their next sign-in.</summary>
    public bool MfaRequired => Domain.Access.Roles.RequireMfa(Roles);
}

public enum UserStatus
{
    Active,
    LockedOut,
    Deactivated,
}

public sealed record UserListQuery(string? Search, Role? Role, UserStatus? Status, PageRequest Page);

/// <summary>A new user; a null <see cref="Password"/> asks for a generated one to pass on (an invitation).</summary>
public sealed record NewUser(string? Email, string? DisplayName, IReadOnlyCollection<Role> Roles, IReadOnlyCollection<Guid> EmployerIds, string? Password);

public abstract record UserChangeResult
{
    public sealed record Saved(UserSummary User) : UserChangeResult;

    /// <summary>The change made up a password: show it to the admin once, then forget it.</summary>
    public sealed record PasswordIssued(UserSummary User, OneTimePassword Password) : UserChangeResult;

    public sealed record Refused(IReadOnlyList<string> Problems) : UserChangeResult;
}

/// <summary>
/// Users, their roles and their employer grants (Finch's "Control Access" guide: users, roles and user_roles per
/// employer, with cross-employer grants for PEO admins). Admins only. Each change runs in one transaction with its audit record,
/// and all of them take one advisory lock, so two admins cannot together remove the last active admin.
/// </summary>
public sealed class UserAdministration(
    CurrentCaller currentCaller,
    EmployerData data,
    IServiceScopeFactory scopeFactory,
    AuditTrail audit,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    private const string TargetType = "user";
    private const string NotPermitted = "Only admins manage users.";
    private const string NotFound = "That user no longer exists.";

    // Any fixed number; it only has to differ from other advisory locks the dashboard might take.
    private const long UserAdministrationLock = 0x5553_4552_4144_4D4E;

    public async Task<Page<UserSummary>> ListAsync(UserListQuery query, CancellationToken cancellationToken = default)
    {
        await RequireAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var users = db.Users.AsNoTracking();

        if (TextSearch.ContainsPattern(query.Search) is { } pattern)
        {
            users = users.Where(u =>
                EF.Functions.ILike(u.DisplayName, pattern, TextSearch.EscapeCharacter) ||
                (u.Email != null && EF.Functions.ILike(u.Email, pattern, TextSearch.EscapeCharacter)));
        }

        if (query.Role is { } role)
        {
            var roleName = role.ToString();
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == roleName)));
        }

        var now = clock.GetUtcNow();
        users = query.Status switch
        {
            UserStatus.Active => users.Where(u => u.DeactivatedAt == null && (u.LockoutEnd == null || u.LockoutEnd <= now)),
            UserStatus.LockedOut => users.Where(u => u.DeactivatedAt == null && u.LockoutEnd > now),
            UserStatus.Deactivated => users.Where(u => u.DeactivatedAt != null),
            _ => users,
        };

        var total = await users.CountAsync(cancellationToken);
        var ids = await users
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ThenBy(u => u.Id)
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        return new Page<UserSummary>(await SummariesAsync(db, ids, cancellationToken), total);
    }

    public async Task<UserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        return (await SummariesAsync(db, [userId], cancellationToken)).SingleOrDefault();
    }

    /// <summary>Creates a user with a typed password (checked by Identity's rules) or a generated one to pass on.</summary>
    public Task<UserChangeResult> CreateAsync(NewUser request, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.UserCreated, null, async (caller, work) =>
        {
            var email = request.Email?.Trim() ?? "";
            var displayName = request.DisplayName?.Trim() ?? "";
            var problems = CheckNameAndEmail(email, displayName);
            var (employers, accessProblems) = await CheckAccessAsync(work, request.Roles, request.EmployerIds, cancellationToken);
            problems.AddRange(accessProblems);
            if (problems.Count > 0)
            {
                return new UserChangeResult.Refused(problems);
            }

            var generated = request.Password is null ? OneTimePassword.Generate() : null;
            var user = new DashboardUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PasswordChangeRequired = generated is not null,
            };
            var created = await work.Users.CreateAsync(user, generated?.Value ?? request.Password!);
            if (!created.Succeeded)
            {
                return Refused(created);
            }

            if (await AddRolesAsync(work, user, request.Roles) is { } roleFailure)
            {
                return roleFailure;
            }

            StageGrants(work.Db, caller, user, employers, []);
            audit.Stage(work.Db, AuditActor.Of(caller), new AuditEntry(AuditAction.UserCreated, AuditOutcome.Succeeded, TargetType, user.Id, null)
            {
                Detail = $"Created {Describe(user)} as {DescribeRoles(request.Roles)}"
                    + (employers.Count > 0 ? $" for {string.Join(", ", employers.Select(e => e.Name))}" : "")
                    + (generated is null ? "; the admin typed the initial password." : "; a one-time password was generated for the admin to pass on."),
            });
            await work.Db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("User {UserId} created by {ActorId}", user.Id, caller.UserId);

            var summary = await SummaryAsync(work.Db, user.Id, cancellationToken);
            return generated is null ? new UserChangeResult.Saved(summary) : new UserChangeResult.PasswordIssued(summary, generated);
        }, cancellationToken);

    /// <summary>
    /// Sets the user's roles and employer grants. A role change also ends their sessions and changes their security
    /// stamp, so they sign in again with the new roles; grants reach their open sessions within
    /// <see cref="CurrentCaller.GrantsRefreshInterval"/> without signing them out.
    /// </summary>
    public Task<UserChangeResult> ChangeAccessAsync(
        string userId, IReadOnlyCollection<Role> roles, IReadOnlyCollection<Guid> employerIds, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.RolesChanged, userId, async (caller, work) =>
        {
            var (employers, problems) = await CheckAccessAsync(work, roles, employerIds, cancellationToken);
            if (problems.Count > 0)
            {
                return new UserChangeResult.Refused(problems);
            }

            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return new UserChangeResult.Refused([NotFound]);
            }

            var currentRoles = ParseRoles(await work.Users.GetRolesAsync(user));
            var addedRoles = roles.Except(currentRoles).ToList();
            var removedRoles = currentRoles.Except(roles).ToList();
            if (removedRoles.Contains(Role.Admin) && user.DeactivatedAt is null && !await AnotherActiveAdminAsync(work.Db, user.Id, cancellationToken))
            {
                return new UserChangeResult.Refused([$"{user.DisplayName} is the last active admin. Make someone else an admin first."]);
            }

            if (addedRoles.Count > 0 || removedRoles.Count > 0)
            {
                if (removedRoles.Count > 0)
                {
                    var removed = await work.Users.RemoveFromRolesAsync(user, removedRoles.Select(r => r.ToString()));
                    if (!removed.Succeeded)
                    {
                        return Refused(removed);
                    }
                }

                if (await AddRolesAsync(work, user, addedRoles) is { } roleFailure)
                {
                    return roleFailure;
                }

                var stamped = await work.Users.UpdateSecurityStampAsync(user);
                if (!stamped.Succeeded)
                {
                    return Refused(stamped);
                }

                await SignInSessionStore.EndAllAsync(work.Db, user.Id, keep: null, cancellationToken);
                audit.Stage(work.Db, AuditActor.Of(caller), new AuditEntry(AuditAction.RolesChanged, AuditOutcome.Succeeded, TargetType, user.Id, null)
                {
                    Detail = $"Roles of {Describe(user)}: {DescribeRoles(currentRoles)} → {DescribeRoles(roles)}. Their open sessions end.",
                });
            }

            var grants = await work.Db.EmployerGrants.Where(g => g.UserId == user.Id).ToListAsync(cancellationToken);
            var revoked = grants.Where(g => !employerIds.Contains(g.EmployerId)).ToList();
            work.Db.EmployerGrants.RemoveRange(revoked);
            var revokedIds = revoked.Select(g => g.EmployerId).ToList();
            var revokedNames = await work.Db.Employers.Where(e => revokedIds.Contains(e.Id))
                .Select(e => new EmployerName(e.Id, e.Name)).ToListAsync(cancellationToken);
            StageGrants(work.Db, caller, user, employers.Where(e => grants.All(g => g.EmployerId != e.Id)).ToList(), revokedNames);

            await work.Db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Access of user {UserId} changed by {ActorId}", user.Id, caller.UserId);
            return new UserChangeResult.Saved(await SummaryAsync(work.Db, user.Id, cancellationToken));
        }, cancellationToken);

    /// <summary>Stops the user signing in and ends their sessions (open pages within a minute). Not yourself, not the last admin.</summary>
    public Task<UserChangeResult> DeactivateAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.UserDeactivated, userId, async (caller, work) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return new UserChangeResult.Refused([NotFound]);
            }

            if (user.Id == caller.UserId)
            {
                return new UserChangeResult.Refused(["You cannot deactivate your own account. Ask another admin."]);
            }

            if (user.DeactivatedAt is not null)
            {
                return new UserChangeResult.Refused([$"{user.DisplayName} is already deactivated."]);
            }

            if (await work.Users.IsInRoleAsync(user, nameof(Role.Admin)) && !await AnotherActiveAdminAsync(work.Db, user.Id, cancellationToken))
            {
                return new UserChangeResult.Refused([$"{user.DisplayName} is the last active admin and cannot be deactivated."]);
            }

            user.DeactivatedAt = clock.GetUtcNow();
            // Saves DeactivatedAt too; the new stamp also refuses any sign-in principal issued before it.
            var stamped = await work.Users.UpdateSecurityStampAsync(user);
            if (!stamped.Succeeded)
            {
                return Refused(stamped);
            }

            await SignInSessionStore.EndAllAsync(work.Db, user.Id, keep: null, cancellationToken);

            return await AuditedAsync(work, caller, AuditAction.UserDeactivated, user, $"Deactivated {Describe(user)}; their open sessions end.", cancellationToken);
        }, cancellationToken);

    public Task<UserChangeResult> ReactivateAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.UserReactivated, userId, async (caller, work) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return new UserChangeResult.Refused([NotFound]);
            }

            if (user.DeactivatedAt is null)
            {
                return new UserChangeResult.Refused([$"{user.DisplayName} is active already."]);
            }

            user.DeactivatedAt = null;
            var updated = await work.Users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return Refused(updated);
            }

            return await AuditedAsync(work, caller, AuditAction.UserReactivated, user, $"Reactivated {Describe(user)}.", cancellationToken);
        }, cancellationToken);

    /// <summary>Ends a lockout after too many wrong passwords, and starts the count again.</summary>
    public Task<UserChangeResult> UnlockAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.UserUnlocked, userId, async (caller, work) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return new UserChangeResult.Refused([NotFound]);
            }

            if (!await work.Users.IsLockedOutAsync(user))
            {
                return new UserChangeResult.Refused([$"{user.DisplayName} is not locked out."]);
            }

            var unlocked = await work.Users.SetLockoutEndDateAsync(user, null);
            var reset = unlocked.Succeeded ? await work.Users.ResetAccessFailedCountAsync(user) : unlocked;
            if (!reset.Succeeded)
            {
                return Refused(reset);
            }

            return await AuditedAsync(work, caller, AuditAction.UserUnlocked, user, $"Unlocked {Describe(user)}.", cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Replaces the user's password with a generated one for the admin to pass on, which they must change at their next
    /// sign-in; their sessions end.
    /// </summary>
    public Task<UserChangeResult> ResetPasswordAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.PasswordReset, userId, async (caller, work) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return new UserChangeResult.Refused([NotFound]);
            }

            var password = OneTimePassword.Generate();
            var token = await work.Users.GeneratePasswordResetTokenAsync(user);
            user.PasswordChangeRequired = true;
            var reset = await work.Users.ResetPasswordAsync(user, token, password.Value);
            if (!reset.Succeeded)
            {
                return Refused(reset);
            }

            await SignInSessionStore.EndAllAsync(work.Db, user.Id, keep: null, cancellationToken);

            var saved = await AuditedAsync(work, caller, AuditAction.PasswordReset, user,
                $"Reset the password of {Describe(user)} to a generated one for the admin to pass on; their open sessions end.", cancellationToken);
            return new UserChangeResult.PasswordIssued(((UserChangeResult.Saved)saved).User, password);
        }, cancellationToken);

    /// <summary>
    /// Removes the user's authenticator app and recovery codes, e.g. after a lost phone: two-step sign-in is off and
    /// their open sessions end. A role that requires it sets it up again at the next sign-in.
    /// </summary>
    public Task<UserChangeResult> ResetMfaAsync(string userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(AuditAction.AuthenticatorReset, userId, async (caller, work) =>
        {
            if (await work.Users.FindByIdAsync(userId) is not { } user)
            {
                return new UserChangeResult.Refused([NotFound]);
            }

            if (!user.TwoFactorEnabled)
            {
                return new UserChangeResult.Refused([$"{user.DisplayName} has not set up two-step sign-in, so there is nothing to reset."]);
            }

            // Both change the security stamp too, which ends their open sessions.
            var disabled = await work.Users.SetTwoFactorEnabledAsync(user, false);
            if (!disabled.Succeeded)
            {
                return Refused(disabled);
            }

            // A new key, which the codes of the app they had no longer match.
            var reset = await work.Users.ResetAuthenticatorKeyAsync(user);
            if (!reset.Succeeded)
            {
                return Refused(reset);
            }

            // No recovery codes either: they were a second factor that no longer exists.
            await work.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
            var next = Roles.RequireMfa(ParseRoles(await work.Users.GetRolesAsync(user)))
                ? "their role requires it, so they set it up again at their next sign-in"
                : "they sign in with their password alone until they set it up again";
            return await AuditedAsync(work, caller, AuditAction.AuthenticatorReset, user,
                $"Reset the two-step sign-in of {Describe(user)}: their authenticator app and recovery codes stop working, their open sessions end, and {next}.",
                cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The first admin of an installation, made from the command line (<see cref="CreateAdminCommand"/>) while nobody
    /// can sign in yet, so there is no caller to check; refused once any admin exists. The password is typed, so it
    /// needs no change at the first sign-in.
    /// </summary>
    public async Task<UserChangeResult> CreateFirstAdminAsync(string email, string displayName, string password, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        displayName = displayName.Trim();
        return await InTransactionAsync(EmployerScope.AllEmployers, async work =>
        {
            if (await work.Db.Users.AnyAsync(u => work.Db.UserRoles.Any(ur => ur.UserId == u.Id
                    && work.Db.Roles.Any(r => r.Id == ur.RoleId && r.Name == nameof(Role.Admin))), cancellationToken))
            {
                return new UserChangeResult.Refused(["An admin exists already. Sign in as an admin and add people at /admin/users."]);
            }

            if (CheckNameAndEmail(email, displayName) is { Count: > 0 } problems)
            {
                return new UserChangeResult.Refused(problems);
            }

            var user = new DashboardUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            var created = await work.Users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return Refused(created);
            }

            if (await AddRolesAsync(work, user, [Role.Admin]) is { } roleFailure)
            {
                return roleFailure;
            }

            audit.Stage(work.Db, AuditActor.System(CreateAdminCommand.Name), new AuditEntry(AuditAction.UserCreated, AuditOutcome.Succeeded, TargetType, user.Id, null)
            {
                Detail = $"Created {Describe(user)} as the first admin from the command line.",
            });
            await work.Db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("User {UserId} created as the first admin from the command line", user.Id);
            return new UserChangeResult.Saved(await SummaryAsync(work.Db, user.Id, cancellationToken));
        }, cancellationToken);
    }

    private async Task RequireAsync(CancellationToken cancellationToken)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ManageUsers))
        {
            logger.LogWarning("User {UserId} asked for user administration without the permission", caller.UserId);
            throw new UnauthorizedAccessException(NotPermitted);
        }
    }

    /// <summary>Runs one change for an admin; a caller without the permission is refused and the attempt audited.</summary>
    private async Task<UserChangeResult> ChangeAsync(
        AuditAction action, string? userId, Func<Caller, Workspace, Task<UserChangeResult>> change, CancellationToken cancellationToken)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ManageUsers))
        {
            logger.LogWarning("User {UserId} was refused {Action}: not an admin", caller.UserId, action);
            await audit.DeniedAsync(caller, Permission.ManageUsers, action, TargetType, userId, null, cancellationToken);
            return new UserChangeResult.Refused([NotPermitted]);
        }

        return await InTransactionAsync(caller.Scope, work => change(caller, work), cancellationToken);
    }

    /// <summary>
    /// Runs one change in a fresh scope (its own Identity context, never a circuit's long-lived one), in a transaction
    /// holding the user administration lock, committed only when the change succeeded.
    /// </summary>
    private async Task<UserChangeResult> InTransactionAsync(EmployerScope scope, Func<Workspace, Task<UserChangeResult>> change, CancellationToken cancellationToken)
    {
        await using var services = scopeFactory.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<DashboardDbContext>();
        db.EmployerScope = scope;
        var work = new Workspace(db, services.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>(), services.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({UserAdministrationLock})", cancellationToken);
        var result = await change(work);
        if (result is not UserChangeResult.Refused)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return result;
    }

    private async Task<UserChangeResult> AuditedAsync(
        Workspace work, Caller caller, AuditAction action, DashboardUser user, string detail, CancellationToken cancellationToken)
    {
        audit.Stage(work.Db, AuditActor.Of(caller), new AuditEntry(action, AuditOutcome.Succeeded, TargetType, user.Id, null) { Detail = detail });
        await work.Db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Action} on user {UserId} by {ActorId}", action, user.Id, caller.UserId);
        return new UserChangeResult.Saved(await SummaryAsync(work.Db, user.Id, cancellationToken));
    }

    private static List<string> CheckNameAndEmail(string email, string displayName)
    {
        var problems = new List<string>();
        if (email.Length == 0 || email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            problems.Add("Enter a valid email address (at most 256 characters).");
        }

        if (displayName.Length == 0 || displayName.Length > DashboardUser.DisplayNameMaxLength)
        {
            problems.Add($"Enter a display name (at most {DashboardUser.DisplayNameMaxLength} characters).");
        }

        return problems;
    }

    /// <summary>Roles and grants that make sense together, and employers that exist.</summary>
    private static async Task<(IReadOnlyList<EmployerName> Employers, List<string> Problems)> CheckAccessAsync(
        Workspace work, IReadOnlyCollection<Role> roles, IReadOnlyCollection<Guid> employerIds, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (roles.Count == 0)
        {
            problems.Add("Choose at least one role.");
        }
        else if (employerIds.Count > 0 && !Roles.AreScopedByGrants(roles))
        {
            problems.Add(Roles.SeeEveryEmployer(roles)
                ? "Admins and Support see every employer already; remove the employers."
                : "Employers can only be granted to account managers and employer admins.");
        }
        else if (employerIds.Count == 0 && roles.Contains(Role.EmployerAdmin) && Roles.AreScopedByGrants(roles) && !roles.Contains(Role.AccountManager))
        {
            problems.Add("An employer admin needs at least one employer.");
        }

        var ids = employerIds.Distinct().ToList();
        var employers = await work.Db.Employers.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .OrderBy(e => e.Name)
            .Select(e => new EmployerName(e.Id, e.Name))
            .ToListAsync(cancellationToken);
        if (employers.Count != ids.Count)
        {
            problems.Add("One of the chosen employers no longer exists. Reload and choose again.");
        }

        return (employers, problems);
    }

    private static async Task<UserChangeResult.Refused?> AddRolesAsync(Workspace work, DashboardUser user, IEnumerable<Role> roles)
    {
        var names = roles.Select(r => r.ToString()).ToList();
        // Roles are created on first use, so a database without demo data needs no separate seeding step.
        foreach (var name in names)
        {
            if (!await work.Roles.RoleExistsAsync(name))
            {
                var created = await work.Roles.CreateAsync(new IdentityRole(name));
                if (!created.Succeeded)
                {
                    return Refused(created);
                }
            }
        }

        var added = names.Count == 0 ? IdentityResult.Success : await work.Users.AddToRolesAsync(user, names);
        return added.Succeeded ? null : Refused(added);
    }

    /// <summary>One audit record per employer gained or lost, so the audit log filtered by employer shows who got access.</summary>
    private void StageGrants(DashboardDbContext db, Caller caller, DashboardUser user, IReadOnlyList<EmployerName> granted, IReadOnlyList<EmployerName> revoked)
    {
        var now = clock.GetUtcNow();
        foreach (var employer in granted)
        {
            db.EmployerGrants.Add(new EmployerGrant(user.Id, employer.Id, now));
            audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.GrantsChanged, AuditOutcome.Succeeded, TargetType, user.Id, employer.Id)
            {
                Detail = $"Granted {Describe(user)} access to {employer.Name}.",
            });
        }

        foreach (var employer in revoked)
        {
            audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.GrantsChanged, AuditOutcome.Succeeded, TargetType, user.Id, employer.Id)
            {
                Detail = $"Removed the access of {Describe(user)} to {employer.Name}.",
            });
        }
    }

    private static Task<bool> AnotherActiveAdminAsync(DashboardDbContext db, string userId, CancellationToken cancellationToken)
    {
        const string admin = nameof(Role.Admin);
        return db.Users.AnyAsync(u => u.Id != userId && u.DeactivatedAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == admin)), cancellationToken);
    }

    private async Task<UserSummary> SummaryAsync(DashboardDbContext db, string userId, CancellationToken cancellationToken) =>
        (await SummariesAsync(db, [userId], cancellationToken)).Single();

    /// <summary>The users with their roles and granted employers, in the order of <paramref name="ids"/>: three queries, none per user.</summary>
    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(DashboardDbContext db, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.DeactivatedAt, u.TwoFactorEnabled })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var roles = (await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name);
        var employers = (await (
                from grant in db.EmployerGrants
                join employer in db.Employers on grant.EmployerId equals employer.Id
                where ids.Contains(grant.UserId)
                orderby employer.Name
                select new { grant.UserId, employer.Id, employer.Name })
            .ToListAsync(cancellationToken))
            .ToLookup(g => g.UserId, g => new EmployerName(g.Id, g.Name));

        var now = clock.GetUtcNow();
        return ids.Where(users.ContainsKey).Select(id => users[id]).Select(u => new UserSummary(
                u.Id,
                u.Email ?? "",
                u.DisplayName,
                ParseRoles(roles[u.Id]),
                [.. employers[u.Id]],
                u.LockoutEnd > now ? u.LockoutEnd : null,
                u.DeactivatedAt)
            {
                MfaEnabled = u.TwoFactorEnabled,
            })
            .ToList();
    }

    private static IReadOnlyList<Role> ParseRoles(IEnumerable<string?> names) =>
        names.Select(name => Roles.TryParse(name, out var role) ? role : (Role?)null).OfType<Role>().Distinct().Order().ToList();

    private static string Describe(DashboardUser user) => $"{user.DisplayName} ({user.Email})";

    private static string DescribeRoles(IEnumerable<Role> roles) =>
        roles.Any() ? string.Join(", ", roles.Order().Select(r => r.DisplayName())) : "no role";

    // The user name is the email, so a taken email is reported once rather than also as a taken user name.
    private static UserChangeResult.Refused Refused(IdentityResult result) =>
        new([.. result.Errors
            .Where(e => !(e.Code == nameof(IdentityErrorDescriber.DuplicateUserName) && result.Errors.Any(other => other.Code == nameof(IdentityErrorDescriber.DuplicateEmail))))
            .Select(e => e.Description)]);

    private sealed record Workspace(DashboardDbContext Db, UserManager<DashboardUser> Users, RoleManager<IdentityRole> Roles);
}
