using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Components;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Demo;
using FinchDashboard.Dashboard.Employers;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Dashboard.SelfService;
using FinchDashboard.Dashboard.Shell;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Dashboard.Users;
using FinchDashboard.Dashboard.Webhooks;

if (args is [CreateAdminCommand.Name, .. var commandArguments])
{
    Environment.ExitCode = await CreateAdminCommand.RunAsync(commandArguments);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddShell();
builder.AddDashboardData();
builder.AddLiveUpdates();
builder.AddAccess();
builder.AddAudit();
builder.AddUsers();
builder.AddFinch();
builder.AddTokens();
builder.AddEmployers();
builder.AddConnections();
builder.AddSelfService();
builder.AddConnectSessions();
builder.AddTriage();
builder.AddDashboardHealthChecks();
builder.AddWebhooks();
builder.AddDemo();

var app = builder.Build();
await app.MigrateDatabaseAsync();
await app.SeedDemoDataAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseCallerAuthenticationState();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapAccountEndpoints();
app.MapConnectionExport();
app.MapConnectCallback();
app.MapFinchWebhooks();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
