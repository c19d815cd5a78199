using System.Text;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinchDashboard.Dashboard.Users;

/// <summary>
/// <c>create-admin --email someone@example.com [--name "Their Name"] [--password-stdin]</c>: creates the first admin
/// of an installation outside demo mode, then exits without starting the web server. The password comes from standard
/// input with <c>--password-stdin</c>, otherwise from a prompt that does not echo it, and must pass the same rules as
/// any password. Like the dashboard, it migrates the database only when <c>Database:MigrateOnStartup</c> is on.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public const int Created = 0;
    public const int Refused = 1;
    public const int Misused = 2;

    private const string Usage =
        "Usage: create-admin --email someone@example.com [--name \"Their Name\"] [--password-stdin]\n" +
        "  --password-stdin  read the password from the first line of standard input; without it, you are asked for it.";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        if (Parse(arguments) is not { } request)
        {
            await Console.Error.WriteLineAsync(Usage);
            return Misused;
        }

        var password = request.PasswordFromStandardInput ? await Console.In.ReadLineAsync() : Prompt(request.Email);
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync(request.PasswordFromStandardInput
                ? "No password on standard input: pipe it in, on the first line."
                : Console.IsInputRedirected
                    ? "Standard input is not a terminal, so there is no one to ask: pass the password on it with --password-stdin."
                    : "No password given: nothing was created.");
            return Misused;
        }

        try
        {
            return await CreateAsync(request, password);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or Npgsql.NpgsqlException or DbUpdateException)
        {
            await Console.Error.WriteLineAsync($"Nothing was created: {ex.Message}");
            return Refused;
        }
    }

    private static async Task<int> CreateAsync(Request request, string password)
    {
        // The dashboard's own configuration (appsettings, environment, user secrets) and services, but not its web
        // server. No logging: the command answers for itself, and JSON log lines would only bury the answer.
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddDashboardTelemetry();
        builder.AddDashboardData();
        builder.AddAccess();
        builder.AddAudit();
        builder.AddUsers();
        await using var app = builder.Build();

        await app.MigrateDatabaseAsync();
        await using (var db = await app.Services.GetRequiredService<SystemData>().OpenAsync())
        {
            if ((await db.Database.GetPendingMigrationsAsync()).Count() is > 0 and var pending)
            {
                await Console.Error.WriteLineAsync(
                    $"The database is not up to date ({pending} migration(s) to apply), and this command does not migrate it unless told to: " +
                    $"run it again with {DatabaseOptions.Section}__MigrateOnStartup=true, or start the dashboard once with that setting.");
                return Refused;
            }
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
            .CreateFirstAdminAsync(request.Email, request.DisplayName ?? request.Email, password);
        if (result is UserChangeResult.Refused refused)
        {
            foreach (var problem in refused.Problems)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            return Refused;
        }

        var admin = ((UserChangeResult.Saved)result).User;
        await Console.Out.WriteLineAsync($"Created the admin {admin.DisplayName} <{admin.Email}>. Sign in at /account/login.");
        return Created;
    }

    private static Request? Parse(IReadOnlyList<string> arguments)
    {
        string? email = null, displayName = null;
        var fromStandardInput = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--email" when i + 1 < arguments.Count:
                    email = arguments[++i];
                    break;
                case "--name" when i + 1 < arguments.Count:
                    displayName = arguments[++i];
                    break;
                case "--password-stdin":
                    fromStandardInput = true;
                    break;
                default:
                    Console.Error.WriteLine($"create-admin does not understand '{arguments[i]}'.");
                    return null;
            }
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine("create-admin needs --email.");
            return null;
        }

        return new Request(email, displayName, fromStandardInput);
    }

    /// <summary>Asks twice on the terminal, echoing nothing; null when there is no terminal or the two differ.</summary>
    private static string? Prompt(string email)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        var password = ReadHidden($"Password for {email}: ");
        if (ReadHidden("The same password again: ") == password)
        {
            return password;
        }

        Console.Error.WriteLine("The two passwords differ.");
        return null;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
    }

    private sealed record Request(string Email, string? DisplayName, bool PasswordFromStandardInput);
}
