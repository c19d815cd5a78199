using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinchDashboard.Integration.Users;

/// <summary><c>create-admin</c> run as an operator runs it: the built dashboard as its own process, the password piped in.</summary>
public sealed class CreateAdminCommandTests
{
    private const string Email = "first-admin@example.com";
    private const string AdminPassword = "First-Admin-Password-1";

    [Fact]
    public async Task On_an_empty_database_it_creates_an_admin_who_signs_in_and_once_one_exists_it_refuses()
    {
        var database = await TestPostgres.CreateDatabaseAsync("create_admin");

        var unmigrated = await CreateAdminAsync(database, migrate: false, AdminPassword, "--email", Email, "--password-stdin");
        Assert.Equal(1, unmigrated.ExitCode);
        Assert.Contains("Database__MigrateOnStartup=true", unmigrated.Error);
        Assert.Equal(0, await TableCountAsync(database));

        var weak = await CreateAdminAsync(database, migrate: true, "weak", "--email", Email, "--password-stdin");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Error);

        var created = await CreateAdminAsync(database, migrate: true, AdminPassword + "\n", "--email", Email, "--name", "First Admin", "--password-stdin");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains($"Created the admin First Admin <{Email}>", created.Output);

        var again = await CreateAdminAsync(database, migrate: true, AdminPassword, "--email", "second-admin@example.com", "--password-stdin");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("An admin exists already", again.Error);

        await using var app = new DashboardFactory(new Dictionary<string, string> { ["ConnectionStrings:Dashboard"] = database });
        await app.InitializeAsync();
        // An admin's role needs two-step sign-in: after the password, they set it up, and then they are in.
        var admin = new HttpBrowser(app);
        var password = await admin.SubmitAsync(SignInForm.Path, "login", ("Input.Email", Email), ("Input.Password", AdminPassword));
        Assert.Equal("/account/login-2fa", password.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await admin.EnrolAuthenticatorAsync(app.Authenticator)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        await using var db = await app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Equal([Email], await db.Users.Select(u => u.Email).ToListAsync());
        var record = Assert.Single(await db.AuditLog.ToListAsync(), r => r.Action == AuditAction.UserCreated);
        Assert.Equal((AuditAction.UserCreated, "create-admin"), (record.Action, record.ActorName));
    }

    [Theory]
    [InlineData("", "needs --email")]
    [InlineData("--email someone@example.com --password", "does not understand '--password'")]
    [InlineData("--email someone@example.com", "pass the password on it with --password-stdin")]
    public async Task A_wrong_call_is_explained_and_changes_nothing(string arguments, string explanation)
    {
        var result = await CreateAdminAsync("Host=127.0.0.1;Port=1;Username=nobody", migrate: false, AdminPassword,
            arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(explanation, result.Error);
    }

    private static Task<(int ExitCode, string Output, string Error)> CreateAdminAsync(string database, bool migrate, string input, params string[] arguments) =>
        AppProcess.RunToExitAsync(
            AppProcess.BuiltAssembly("Dashboard", "FinchDashboard.Dashboard"),
            ["create-admin", .. arguments],
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Dashboard"] = database,
                ["Database__MigrateOnStartup"] = migrate ? "true" : "false",
            },
            input,
            TimeSpan.FromSeconds(120));

    private static async Task<long> TableCountAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
