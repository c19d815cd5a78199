using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinchDashboard.Integration.Connections;

/// <summary>"Refresh from Finch": the dashboard on PostgreSQL asking the running emulator's /introspect.</summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class ConnectionRefresherTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private DashboardFactory _app = default!;
    private Employer _employer = default!;
    private Connection _connection = default!;
    private FinchTokenResponse _token = default!;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard();
        await _app.InitializeAsync();

        var customerId = FinchSandboxFixture.NewCustomerId();
        _token = await finch.ConnectAsync(customerId, provider: "adp_run");
        _employer = await _app.AddEmployerAsync("Refresh Co");
        _connection = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c => c
            .FinchConnectionId(_token.ConnectionId)
            .Status(ConnectionStatus.Pending));

        await using var scope = _app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        await scope.ServiceProvider.GetRequiredService<ConnectionTokens>().StoreAsync(db, _connection.Id, _employer.Id, _token.AccessToken);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(AsyncServiceScope Scope, ConnectionRefresher Refresher)> AsAsync(Role role, params Employer[] grants)
    {
        var scope = await _app.SignedInScopeAsync(role, grants);
        return (scope, scope.ServiceProvider.GetRequiredService<ConnectionRefresher>());
    }

    [Fact]
    public async Task Refreshing_stores_what_introspect_reports()
    {
        var (scope, refresher) = await AsAsync(Role.AccountManager, _employer);
        await using var _ = scope;

        var outcome = await refresher.RefreshAsync(_connection.Id);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.NotNull(outcome.FinchRequestId);
        var details = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(_connection.Id);
        Assert.NotNull(details);
        Assert.Equal(ConnectionStatus.Connected, details.Connection.Status);
        Assert.Equal("adp_run", details.Connection.ProviderId);
        Assert.NotNull(details.Connection.RefreshedAt);
        Assert.NotNull(details.Connection.CompanyName);
        foreach (var entityId in _token.EntityIds ?? [])
        {
            Assert.Contains(details.Entities, e => e.FinchEntityId == entityId && e.IsActive);
        }

        Assert.NotEmpty(details.AuthenticationMethods);
        Assert.Contains(details.Timeline, e => e.Summary.StartsWith("Status changed from Pending to Connected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finch_asking_for_reauthentication_marks_the_connection_reauth()
    {
        await finch.SetConnectionStatusAsync(_token.AccessToken, "reauth");
        try
        {
            var (scope, refresher) = await AsAsync(Role.Support);
            await using var _ = scope;

            var outcome = await refresher.RefreshAsync(_connection.Id);

            var details = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().FindAsync(_connection.Id);
            Assert.Equal(ConnectionStatus.Reauth, details!.Connection.Status);
            Assert.Contains("Re-auth", outcome.Message, StringComparison.Ordinal);
            Assert.Contains(details.Timeline, e => e.Summary.Contains("to Re-auth", StringComparison.Ordinal));
        }
        finally
        {
            await finch.SetConnectionStatusAsync(_token.AccessToken, "connected");
        }
    }

    [Fact]
    public async Task Another_employers_admin_cannot_refresh_it()
    {
        var other = await _app.AddEmployerAsync("Someone Else");
        var (scope, refresher) = await AsAsync(Role.EmployerAdmin, other);
        await using var _ = scope;

        var outcome = await refresher.RefreshAsync(_connection.Id);

        Assert.False(outcome.Succeeded);
        Assert.Contains("no such connection", outcome.Message, StringComparison.Ordinal);
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        Assert.Null((await db.Connections.SingleAsync(c => c.Id == _connection.Id)).RefreshedAt);
    }

    [Fact]
    public async Task The_token_is_sealed_at_rest()
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var stored = await db.AccessTokens.SingleAsync(t => t.ConnectionId == _connection.Id);
        var raw = System.Text.Encoding.UTF8.GetBytes(_token.AccessToken.Reveal());

        Assert.False(stored.Ciphertext.AsSpan().IndexOf(raw) >= 0, "the token's bytes appear in the stored ciphertext");
        await using var sql = new NpgsqlConnection(db.Database.GetConnectionString());
        await sql.OpenAsync();
        await using var dump = new NpgsqlCommand("SELECT count(*) FROM access_tokens WHERE encode(ciphertext, 'escape') LIKE '%' || @token || '%'", sql);
        dump.Parameters.AddWithValue("token", _token.AccessToken.Reveal());
        Assert.Equal(0L, await dump.ExecuteScalarAsync());
    }
}
