using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.BankAccounts;
using FinchDashboard.Dashboard.Components;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Dashboard.Jobs;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Dashboard.Mfa;
using FinchDashboard.Dashboard.Operations;
using FinchDashboard.Dashboard.Providers;
using FinchDashboard.Dashboard.SelfService;
using FinchDashboard.Dashboard.Telemetry;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Dashboard.Waste;
using FinchDashboard.Dashboard.Web;
using FinchDashboard.Dashboard.Webhooks;
using Microsoft.Extensions.Options;

if (args is [CreateAdminCommand.Name, .. var commandArguments])
{
    Environment.ExitCode = await CreateAdminCommand.RunAsync(commandArguments);
    return;
}

if (args is [ProbeCommand.Name, .. var probeArguments])
{
    Environment.ExitCode = await ProbeCommand.RunAsync(probeArguments);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddShell();
builder.AddWebSecurity();
builder.AddDashboardData();
builder.AddLiveUpdates();
builder.AddDashboardTelemetry();
builder.AddAccess();
builder.AddThrottling();
builder.AddAudit();
builder.AddMfa();
builder.AddUsers();
builder.AddFinch();
builder.AddProviders();
builder.AddTokens();
builder.AddEmployers();
builder.AddConnections();
builder.AddJobs();
builder.AddSelfService();
builder.AddConnectSessions();
builder.AddTriage();
builder.AddWaste();
builder.AddBankAccounts();
builder.AddDashboardHealthChecks();
builder.AddWebhooks();
builder.AddOperations();
builder.AddDemo();

var app = builder.Build();
// Every option's start-up validation runs now, so unsafe or incomplete configuration is refused before anything
// reaches the database.
app.Services.GetRequiredService<IStartupValidator>().Validate();
await app.MigrateDatabaseAsync();
await app.SeedDemoDataAsync();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseNotFoundForUnknownAddresses();
app.UseAuthentication();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseThrottling();
app.UseCallerAuthenticationState();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapConnectionExport();
app.MapWasteExport();
app.MapProviderLogos();
app.MapConnectCallback();
app.MapFinchWebhooks();
app.MapBankAccounts();
app.MapRazorComponents<App>()
    // The framework would add its own "frame-ancestors 'self'" policy to pages; UseSecurityHeaders sends a stricter one everywhere.
    .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null)
    .AllowAnonymousFrameworkEndpoints();

app.Run();
