namespace FinchDashboard.Dashboard.Demo;

/// <summary>
/// Makes demo mode's bank accounts exist in the Stripe emulator after each start (see <see cref="DemoBankAccounts"/>).
/// Runs in the background: a missing emulator only costs a warning, never the dashboard's start.
/// </summary>
public sealed class DemoStripeSync(IServiceScopeFactory scopes, ILogger<DemoStripeSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoBankAccounts>().SyncAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The demo's bank accounts could not be made in the Stripe emulator; the dashboard runs without them there");
        }
    }
}
