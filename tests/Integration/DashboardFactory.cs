using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinchDashboard.Integration;

/// <summary>
/// The real dashboard (its own Program, services and migrations) on a fresh PostgreSQL database, with helpers to
/// add employers and users and to act as one of them.
/// </summary>
public sealed partial class DashboardFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Integration-Password-1";

    /// <summary>
    /// The webhook signing secret the app is configured with (base64, as Finch hands them out), as long as secrets
    /// must be outside Development.
    /// </summary>
    public static readonly string WebhookSecret = Convert.ToBase64String("integration-webhook-secret-32-bytes"u8.ToArray());

    public const string StripeSecretKey = "sk_test_integration_stripe_key";

    public const string StripeWebhookSecret = "whsec_integration_stripe_secret";

    /// <summary>The one redirect URI the test dashboard allows for Connect sessions.</summary>
    public const string ConnectCallbackUri = "https://dashboard.example/finch/callback";

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;
    private string _connectionString = "";

    public DashboardFactory()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>
    /// With settings on top of the test defaults, e.g. Finch:BaseUrl pointing at a running emulator, and optionally a
    /// clock of the test's (a FakeTimeProvider) in place of the system's: the app and its sign-in cookie read the time
    /// only through TimeProvider.
    /// </summary>
    internal DashboardFactory(IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock;
    }

    /// <summary>Every log line the app wrote, formatted, for tests that prove secrets never reach a log.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The authenticator app of every user here that has two-step sign-in; it gives each code once, as the app accepts them.</summary>
    public AuthenticatorApp Authenticator { get; } = new();

    /// <summary>Services a test adds on top of the app's own (an in-memory exporter, say); set before the host is built.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>This app's database, for a second app instance that shares it.</summary>
    public string ConnectionString => _connectionString;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("integration");
        _ = Services; // builds the host now, which applies the migrations
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Dashboard", _connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Enabled", "false");
        // Tests that need the background health check run a pass themselves or enable it.
        builder.UseSetting("HealthChecks:Enabled", "false");
        // The Finch client and token sealing validate their settings at start-up; tests that call Finch override these.
        builder.UseSetting("Finch:ClientId", "integration-client");
        builder.UseSetting("Finch:ClientSecret", "integration-secret");
        builder.UseSetting("TokenEncryption:Keys:0", "integration:" + Convert.ToBase64String(new byte[32]));
        builder.UseSetting("Finch:WebhookSecrets", WebhookSecret);
        builder.UseSetting("ConnectSessions:RedirectUris:0", ConnectCallbackUri);
        // Stripe is only reached by tests that start its emulator and point Stripe:ApiBase at it.
        builder.UseSetting("Stripe:SecretKey", StripeSecretKey);
        builder.UseSetting("Stripe:WebhookSecrets", StripeWebhookSecret);
        builder.UseSetting("Stripe:ApiBase", "http://127.0.0.1:9");
        // Tests sign many users in from one address within a minute; the throttling tests set their own limits.
        builder.UseSetting("RateLimits:SignInPerAddress:PermitLimit", "1000");
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddresses.FromHeader>());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }

        if (TestServices is not null)
        {
            builder.ConfigureServices(TestServices);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }

    /// <summary>
    /// A client that does not follow redirects, on https as browsers reach the dashboard outside Development: its
    /// Secure sign-in and antiforgery cookies travel over nothing else.
    /// </summary>
    public HttpClient CreateHttpsClient() => CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public async Task<Employer> AddEmployerAsync(string name)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var employer = new Employer(Guid.CreateVersion7(), $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}", name, null, DateTimeOffset.UtcNow);
        db.Employers.Add(employer);
        await db.SaveChangesAsync();
        return employer;
    }

    /// <summary>
    /// Employers A and B, for tests that show a caller of one never reaches the other. Test classes share one database,
    /// so a tag keeps the names unique to the class that asked.
    /// </summary>
    public async Task<(Employer A, Employer B)> AddTwoEmployersAsync(string a = "Alpha", string b = "Bravo")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        return (await AddEmployerAsync($"{a} {tag}"), await AddEmployerAsync($"{b} {tag}"));
    }

    public async Task<DashboardUser> AddUserAsync(Role role, params Employer[] grants)
    {
        await using var scope = Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role.ToString()))
        {
            await roles.CreateAsync(new IdentityRole(role.ToString()));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var user = new DashboardUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
        Succeeded(await users.CreateAsync(user, Password));
        Succeeded(await users.AddToRoleAsync(user, role.ToString()));

        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        db.EmployerGrants.AddRange(grants.Select(e => new EmployerGrant(user.Id, e.Id, DateTimeOffset.UtcNow)));
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>
    /// A connection of <paramref name="employer"/> as <see cref="ConnectionBuilder"/> builds it, with its entities, an
    /// auth method and a timeline entry.
    /// </summary>
    public async Task<Connection> AddConnectionAsync(Employer employer, ConnectionState state, Action<ConnectionBuilder> shape)
    {
        var builder = new ConnectionBuilder(employer, state);
        shape(builder);
        var (connection, entities) = builder.Build();

        await using var scope = Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        db.Connections.Add(connection);
        db.ConnectionEntities.AddRange(entities);
        db.ConnectionAuthenticationMethods.Add(new ConnectionAuthenticationMethod(
            Guid.CreateVersion7(), connection.Id, employer.Id, AuthenticationMethodType.Oauth, connection.Status, null, null, []));
        db.ConnectionEvents.Add(new ConnectionEvent
        {
            Id = Guid.CreateVersion7(), ConnectionId = connection.Id, EmployerId = employer.Id, OccurredAt = DateTimeOffset.UtcNow,
            Summary = $"Connected through {connection.ProviderName}", Actor = "Finch",
        });
        await db.SaveChangesAsync();
        return connection;
    }

    /// <summary>A DI scope signed in as a new user in <paramref name="role"/>, granted <paramref name="employers"/>.</summary>
    public async Task<AsyncServiceScope> SignedInScopeAsync(Role role, params Employer[] employers) =>
        await SignedInScopeAsync(await AddUserAsync(role, employers));

    /// <summary>
    /// A DI scope signed in as <paramref name="user"/>, as a request or circuit of theirs would be; of <paramref name="host"/>
    /// when given, another host on this database (e.g. one from <c>WithWebHostBuilder</c>).
    /// </summary>
    public async Task<AsyncServiceScope> SignedInScopeAsync(DashboardUser user, WebApplicationFactory<Program>? host = null)
    {
        await using var signIn = (host ?? this).Services.CreateAsyncScope();
        return SignedInScope(await signIn.ServiceProvider.GetRequiredService<SignInManager<DashboardUser>>().CreateUserPrincipalAsync(user), host);
    }

    /// <summary>
    /// The circuit of a page that <paramref name="userId"/>'s one browser opened: a DI scope signed in with the principal
    /// their sign-in session holds, as the circuit received it, so it ends when the session ends.
    /// </summary>
    public async Task<AsyncServiceScope> CircuitOfSessionAsync(string userId, WebApplicationFactory<Program>? host = null) =>
        SignedInScope(await SessionPrincipalAsync(userId), host);

    /// <summary>The principal of <paramref name="userId"/>'s one sign-in session, as the session store restores it.</summary>
    public async Task<ClaimsPrincipal> SessionPrincipalAsync(string userId)
    {
        await using var db = await Services.GetRequiredService<SystemData>().OpenAsync();
        var sessionId = await db.SignInSessions.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync();
        var ticket = await Services.GetRequiredService<SignInSessionStore>().RetrieveAsync(sessionId, CancellationToken.None);
        return Assert.IsType<AuthenticationTicket>(ticket).Principal;
    }

    private AsyncServiceScope SignedInScope(ClaimsPrincipal principal, WebApplicationFactory<Program>? host)
    {
        var scope = (host ?? this).Services.CreateAsyncScope();
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }

    /// <summary>Runs <paramref name="action"/> on the user administration of a scope signed in as <paramref name="user"/>.</summary>
    public async Task<T> AdministerUsersAsAsync<T>(DashboardUser user, Func<UserAdministration, Task<T>> action)
    {
        await using var scope = await SignedInScopeAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    public async Task<DashboardUser?> FindUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email);
    }

    /// <summary>Turns two-step sign-in on for <paramref name="user"/> with a new authenticator key, which it returns.</summary>
    public async Task<string> EnrolMfaAsync(DashboardUser user)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        Succeeded(await users.ResetAuthenticatorKeyAsync(stored));
        Succeeded(await users.SetTwoFactorEnabledAsync(stored, true));
        return (await users.GetAuthenticatorKeyAsync(stored))!;
    }

    /// <summary>
    /// A browser signed in through the sign-in form as <paramref name="user"/>, of <paramref name="host"/> when given. A
    /// user whose role requires two-step sign-in is enrolled first if they have not been, and enters their code.
    /// </summary>
    public async Task<HttpBrowser> SignedInBrowserAsync(DashboardUser user, string password = Password, WebApplicationFactory<Program>? host = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        var key = stored.TwoFactorEnabled ? await users.GetAuthenticatorKeyAsync(stored)
            : Roles.RequireMfa((await users.GetRolesAsync(stored)).Select(Enum.Parse<Role>)) ? await EnrolMfaAsync(user)
            : null;
        return await HttpBrowser.SignedInAsync(host ?? this, user.Email!, password, key is null ? null : () => Authenticator.NextCodeAsync(key));
    }

    /// <summary>The client of <see cref="SignedInBrowserAsync"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(DashboardUser user) => (await SignedInBrowserAsync(user)).Client;

    private static void Succeeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
