using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Connections;

/// <summary>
/// Finch's errors that are not about a revoked token or Finch being down, each answered by the running emulator and
/// read by the real client: what the user is told, and that nothing treats them as a disconnect.
/// </summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class FinchErrorMessageTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private DashboardFactory _app = default!;
    private Employer _employer = default!;
    private Connection _connection = default!;
    private AsyncServiceScope _manager;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard();
        await _app.InitializeAsync();

        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        _employer = await _app.AddEmployerAsync("Error Words Co");
        _connection = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c.FinchConnectionId(token.ConnectionId));
        await using (var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync())
        {
            await _app.Services.GetRequiredService<ConnectionTokens>().StoreAsync(db, _connection.Id, _employer.Id, token.AccessToken);
            await db.SaveChangesAsync();
        }

        _manager = await _app.SignedInScopeAsync(Role.AccountManager, _employer);
    }

    public async Task DisposeAsync()
    {
        await finch.ResetFaultsAsync();
        await _manager.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("account_setup_required", "the employer still has to finish setting up the account Finch signs in with")]
    [InlineData("payment_required", "until an unpaid Finch invoice is settled")]
    [InlineData("no_access", "this connection has no access to that")]
    [InlineData("unprocessable", "The employer's payroll provider does not accept this request")]
    [InlineData("not_implemented", "does not support this through Finch")]
    public async Task Refreshing_explains_Finchs_error_in_plain_words(string fault, string expected)
    {
        await finch.AddFaultAsync(fault, count: 1, "/introspect");

        var outcome = await _manager.ServiceProvider.GetRequiredService<ConnectionRefresher>().RefreshAsync(_connection.Id);

        Assert.False(outcome.Succeeded);
        Assert.Contains(expected, outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token", outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(outcome.FinchRequestId);
    }

    [Fact]
    public async Task What_the_provider_does_not_support_is_asked_once()
    {
        await finch.AddFaultAsync("not_implemented", count: 3, "/introspect");

        await _manager.ServiceProvider.GetRequiredService<ConnectionRefresher>().RefreshAsync(_connection.Id);

        Assert.Equal(2, await finch.RemainingFaultsAsync());
    }

    [Fact]
    public async Task An_account_still_to_be_set_up_is_not_taken_for_a_revoked_token_when_disconnecting()
    {
        await finch.AddFaultAsync("account_setup_required", count: 1, "/disconnect");
        string confirmation;
        await using (var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync())
        {
            var row = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == _connection.Id);
            confirmation = ConnectionDisconnector.ConfirmationName(row.CompanyName, row.CustomerName, _employer.Name);
        }

        var outcome = await _manager.ServiceProvider.GetRequiredService<ConnectionDisconnector>()
            .DisconnectAsync(new ConnectionDisconnectRequest(_connection.Id, "Offboarded", confirmation) { RecordIfTokenRevoked = true });

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.TokenRevoked);
        Assert.Contains("finish setting up", outcome.Message, StringComparison.Ordinal);
        await using var after = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Equal(ConnectionState.Live, (await after.Connections.SingleAsync(c => c.Id == _connection.Id)).State);
        Assert.NotNull(await _app.Services.GetRequiredService<ConnectionTokens>().FindAsync(after, _connection.Id));
    }

    [Fact]
    public async Task An_unpaid_Finch_invoice_is_explained_when_creating_a_link()
    {
        await finch.AddFaultAsync("payment_required", count: 1, "/connect/sessions");

        var result = await _manager.ServiceProvider.GetRequiredService<ConnectLinks>().CreateAsync(
            new NewConnectLinkRequest(_employer.Id, ["company"], DashboardFactory.ConnectCallbackUri));

        var failed = Assert.IsType<ConnectLinkResult.Failed>(result);
        Assert.StartsWith("Finch has paused this dashboard's access until an unpaid Finch invoice is settled", failed.Message, StringComparison.Ordinal);
    }
}
