using FinchDashboard.Dashboard;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Components;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboardServices();

var app = builder.Build();
await app.PrepareDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
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
