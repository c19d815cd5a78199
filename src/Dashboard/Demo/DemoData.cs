using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Mfa;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Employers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Demo;

/// <summary>
/// A handful of employers and one user per role, so the dashboard can be tried without setup; the admin and the account
/// manager, whose roles require two-step sign-in, with the published authenticator key. Idempotent.
/// </summary>
public sealed class DemoData(
    SystemData systemData,
    UserManager<DashboardUser> userManager,
    RoleManager<IdentityRole> roleManager,
    MfaEnrolment mfa,
    TimeProvider clock,
    ILogger<DemoData> logger)
{
    public static IReadOnlyList<(string CustomerId, string Name, string Email)> Employers { get; } =
    [
        ("acme-manufacturing", "Acme Manufacturing", "hr@acme.example"),
        ("globex-retail", "Globex Retail", "payroll@globex.example"),
        ("initech-software", "Initech Software", "people@initech.example"),
        ("umbrella-health", "Umbrella Health", "benefits@umbrella.example"),
        ("stark-logistics", "Stark Logistics", "hr@stark.example"),
        ("wayne-hospitality", "Wayne Hospitality", "people@wayne.example"),
    ];

    private const int ConnectionCount = 60;

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("admin@demo.local", "Ada Admin", Role.Admin, []),
        new("manager@demo.local", "Max Manager", Role.AccountManager, ["acme-manufacturing", "globex-retail", "initech-software"]),
        new("support@demo.local", "Sam Support", Role.Support, []),
        new("employer@demo.local", "Erin Employer", Role.EmployerAdmin, ["acme-manufacturing"]),
        new("peo@demo.local", "Pat PEO", Role.EmployerAdmin, ["umbrella-health", "stark-logistics"]),
    ];

    /// <param name="authenticatorKey">The published key of the demo users whose role requires two-step sign-in.</param>
    public async Task SeedAsync(string password, string authenticatorKey, CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role.ToString()))
            {
                Check(await roleManager.CreateAsync(new IdentityRole(role.ToString())));
            }
        }

        await using var db = await systemData.OpenAsync(cancellationToken);
        var existing = await db.Employers.Select(e => e.CustomerId).ToListAsync(cancellationToken);
        foreach (var (customerId, name, email) in Employers.Where(e => !existing.Contains(e.CustomerId)))
        {
            db.Employers.Add(new Employer(Guid.CreateVersion7(), customerId, name, email, clock.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        var employerIds = await db.Employers.ToDictionaryAsync(e => e.CustomerId, e => e.Id, cancellationToken);

        foreach (var demoUser in Users)
        {
            var user = await userManager.FindByEmailAsync(demoUser.Email);
            if (user is null)
            {
                user = new DashboardUser
                {
                    UserName = demoUser.Email,
                    Email = demoUser.Email,
                    EmailConfirmed = true,
                    DisplayName = demoUser.DisplayName,
                };
                Check(await userManager.CreateAsync(user, password));
                Check(await userManager.AddToRoleAsync(user, demoUser.Role.ToString()));
            }

            // Also after an admin reset it in the demo, so the published key keeps working.
            if (Roles.RequireMfa([demoUser.Role]) && !user.TwoFactorEnabled)
            {
                await mfa.UseKeyAsync(user, authenticatorKey);
                Check(await userManager.SetTwoFactorEnabledAsync(user, true));
            }

            var granted = await db.EmployerGrants.Where(g => g.UserId == user.Id).Select(g => g.EmployerId).ToListAsync(cancellationToken);
            foreach (var customerId in demoUser.EmployerCustomerIds)
            {
                if (!granted.Contains(employerIds[customerId]))
                {
                    db.EmployerGrants.Add(new EmployerGrant(user.Id, employerIds[customerId], clock.GetUtcNow()));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        if (!await db.Connections.AnyAsync(cancellationToken))
        {
            var employers = await db.Employers.OrderBy(e => e.CustomerId).ToListAsync(cancellationToken);
            foreach (var sample in SampleConnections.Generate(seed: 2026, employers, count: ConnectionCount, clock.GetUtcNow()))
            {
                db.Connections.Add(sample.Connection);
                db.ConnectionEntities.AddRange(sample.Entities);
                db.ConnectionAuthenticationMethods.AddRange(sample.AuthenticationMethods);
                db.ConnectionEvents.AddRange(sample.Events);
            }

            var (waste, auditRecords) = DemoWaste.Generate(employers.ToDictionary(e => e.CustomerId), clock.GetUtcNow());
            foreach (var sample in waste)
            {
                db.Connections.Add(sample.Connection);
                db.ConnectionEntities.AddRange(sample.Entities);
                db.ConnectionAuthenticationMethods.AddRange(sample.AuthenticationMethods);
                db.ConnectionEvents.AddRange(sample.Events);
            }

            db.AuditLog.AddRange(auditRecords);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Demo data ready: {EmployerCount} employers, {UserCount} users", Employers.Count, Users.Count);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding demo data failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public sealed record DemoUser(string Email, string DisplayName, Role Role, IReadOnlyList<string> EmployerCustomerIds);
}
