using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Health;

/// <summary>Health-check passes: the dashboard on PostgreSQL asking the running emulator's /introspect.</summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class ConnectionHealthMonitorTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private DashboardFactory _app = default!;
    private Employer _employer = default!;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard(new Dictionary<string, string>
        {
            ["Finch:MaxRetryAttempts"] = FinchSandboxFixture.RetryAttempts.ToString(),
            // A 429 comes back to the health check at once instead of being waited out inside the client.
            ["Finch:MaxRetryAfter"] = "00:00:00.100",
            // The fastest pace the settings allow: a check every 3 seconds.
            ["HealthChecks:Interval"] = "00:00:01",
            ["HealthChecks:MaxRequestsPerMinute"] = HealthCheckOptions.MaxAllowedRequestsPerMinute.ToString(),
        });
        await _app.InitializeAsync();
        _employer = await _app.AddEmployerAsync("Health Co");
    }

    public async Task DisposeAsync()
    {
        await finch.ResetFaultsAsync();
        await _app.DisposeAsync();
    }

    private ConnectionHealthMonitor Monitor => _app.Services.GetRequiredService<ConnectionHealthMonitor>();

    /// <summary>A live connection that really exists in the emulator, with its token stored (or not).</summary>
    private async Task<(Connection Connection, FinchTokenResponse Token)> ConnectedAsync(Action<ConnectionBuilder>? shape = null, bool storeToken = true)
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        var connection = await _app.AddConnectionAsync(_employer, ConnectionState.Live, c =>
        {
            c.FinchConnectionId(token.ConnectionId).Status(ConnectionStatus.Pending);
            shape?.Invoke(c);
        });
        if (storeToken)
        {
            await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
            await _app.Services.GetRequiredService<ConnectionTokens>().StoreAsync(db, connection.Id, _employer.Id, token.AccessToken);
            await db.SaveChangesAsync();
        }

        return (connection, token);
    }

    private async Task<Connection> ReadAsync(Guid connectionId)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
    }

    private async Task<List<HealthCheckFailure>> FailuresAsync(Guid connectionId)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.HealthCheckFailures.AsNoTracking().Where(f => f.ConnectionId == connectionId).ToListAsync();
    }

    private async Task<List<ConnectionEvent>> TimelineAsync(Guid connectionId)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        return await db.ConnectionEvents.AsNoTracking().Where(e => e.ConnectionId == connectionId).ToListAsync();
    }

    [Fact]
    public async Task A_pass_stores_what_introspect_reports_and_clears_earlier_failures()
    {
        var (first, firstToken) = await ConnectedAsync(c => c.FailingHealthChecks(3, HealthCheckFailureKind.FinchError, "500 server_error: Internal server error"));
        var (second, secondToken) = await ConnectedAsync();
        var disconnected = await _app.AddConnectionAsync(_employer, ConnectionState.Disconnected, _ => { });
        // Finch reports a last sync once each connection's initial sync has completed.
        await finch.WaitForInitialSyncAsync(firstToken);
        await finch.WaitForInitialSyncAsync(secondToken);

        var pass = await Monitor.RunPassAsync();

        Assert.Equal((2, 2, 0), (pass.Due, pass.Checked, pass.Failed));
        foreach (var connection in new[] { first, second })
        {
            var stored = await ReadAsync(connection.Id);
            Assert.Equal(ConnectionStatus.Connected, stored.Status);
            Assert.NotNull(stored.LastSyncedAt);
            Assert.NotNull(stored.HealthCheckedAt);
            Assert.Equal(stored.HealthCheckedAt, stored.RefreshedAt);
            Assert.Equal(0, stored.HealthFailureCount);
            Assert.Null(stored.LastHealthFailureKind);
            Assert.Null(stored.LastHealthFailureMessage);
            Assert.Contains(await TimelineAsync(connection.Id), e =>
                e.Actor == ConnectionHealthMonitor.Actor && e.Summary.StartsWith("Status changed from Pending to Connected", StringComparison.Ordinal));
            Assert.Empty(await FailuresAsync(connection.Id));
        }

        Assert.Null((await ReadAsync(disconnected.Id)).HealthCheckedAt);
    }

    [Fact]
    public async Task A_connection_checked_moments_ago_is_not_checked_again()
    {
        await ConnectedAsync();
        await Monitor.RunPassAsync();

        var again = await Monitor.RunPassAsync();

        Assert.Equal((0, 0), (again.Due, again.Checked));
    }

    [Fact]
    public async Task A_connection_Finch_reports_in_reauth_becomes_reauth()
    {
        var (connection, token) = await ConnectedAsync(c => c.Status(ConnectionStatus.Connected));
        await finch.SetConnectionStatusAsync(token.AccessToken, "reauth");

        var pass = await Monitor.RunPassAsync();

        // /introspect answers in every status: the check itself succeeded and found the connection broken.
        Assert.Equal((1, 0), (pass.Checked, pass.Failed));
        var stored = await ReadAsync(connection.Id);
        Assert.Equal(ConnectionStatus.Reauth, stored.Status);
        Assert.Equal("The employer needs to reauthenticate.", stored.StatusMessage);
        Assert.Equal(0, stored.HealthFailureCount);
        Assert.Contains(await TimelineAsync(connection.Id), e =>
            e.Actor == ConnectionHealthMonitor.Actor && e.Summary.StartsWith("Status changed from Connected to Re-auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Finch_server_error_is_counted_and_changes_nothing_else()
    {
        var (connection, _) = await ConnectedAsync(c => c.FailingHealthChecks(1, HealthCheckFailureKind.TimedOut));
        var before = await ReadAsync(connection.Id);
        var timelineBefore = (await TimelineAsync(connection.Id)).Count;
        await finch.AddFaultAsync("server_error", FinchSandboxFixture.RetryAttempts + 1, "/introspect");

        var pass = await Monitor.RunPassAsync();

        Assert.Equal(0, await finch.RemainingFaultsAsync());
        Assert.Equal(1, pass.Failed);
        var stored = await ReadAsync(connection.Id);
        Assert.Equal(2, stored.HealthFailureCount);
        Assert.Equal(HealthCheckFailureKind.FinchError, stored.LastHealthFailureKind);
        Assert.StartsWith("500", stored.LastHealthFailureMessage, StringComparison.Ordinal);
        Assert.NotNull(stored.HealthCheckedAt);
        Assert.Equal(
            (before.Status, before.StatusMessage, before.StatusChangedAt, before.LastSyncedAt, before.RefreshedAt, before.CompanyName, before.ActiveEntityCount),
            (stored.Status, stored.StatusMessage, stored.StatusChangedAt, stored.LastSyncedAt, stored.RefreshedAt, stored.CompanyName, stored.ActiveEntityCount));
        Assert.Equal(timelineBefore, (await TimelineAsync(connection.Id)).Count);
        var failure = Assert.Single(await FailuresAsync(connection.Id));
        Assert.Equal(HealthCheckFailureKind.FinchError, failure.Kind);
    }

    [Fact]
    public async Task A_429_holds_the_whole_pass_back_for_Retry_After()
    {
        const int retryAfterSeconds = 6;
        var (a, _) = await ConnectedAsync();
        var (b, _) = await ConnectedAsync();
        await finch.AddFaultAsync("rate_limit", 1, "/introspect", retryAfterSeconds);

        var pass = await Monitor.RunPassAsync();

        Assert.Equal((2, 1), (pass.Checked, pass.Failed));
        var checkedConnections = new[] { await ReadAsync(a.Id), await ReadAsync(b.Id) };
        var limited = Assert.Single(checkedConnections, c => c.LastHealthFailureKind == HealthCheckFailureKind.RateLimited);
        var next = Assert.Single(checkedConnections, c => c.LastHealthFailureKind is null);
        Assert.Equal(1, limited.HealthFailureCount);
        Assert.Equal(ConnectionStatus.Connected, next.Status);
        Assert.True(next.HealthCheckedAt - limited.HealthCheckedAt >= TimeSpan.FromSeconds(retryAfterSeconds),
            $"the next check came {next.HealthCheckedAt - limited.HealthCheckedAt} after the 429");
        Assert.Equal(HealthCheckFailureKind.RateLimited, Assert.Single(await FailuresAsync(limited.Id)).Kind);
    }

    [Fact]
    public async Task A_live_connection_without_a_token_is_counted_as_such()
    {
        var (connection, _) = await ConnectedAsync(storeToken: false);

        var pass = await Monitor.RunPassAsync();

        Assert.Equal((1, 1), (pass.Checked, pass.Failed));
        Assert.Null(pass.LastCheckStartedAt);
        var stored = await ReadAsync(connection.Id);
        Assert.Equal(ConnectionStatus.Pending, stored.Status);
        Assert.Equal(1, stored.HealthFailureCount);
        Assert.Equal(HealthCheckFailureKind.NoAccessToken, stored.LastHealthFailureKind);
        var failure = Assert.Single(await FailuresAsync(connection.Id));
        Assert.Equal((HealthCheckFailureKind.NoAccessToken, null), (failure.Kind, failure.FinchRequestId));
    }
}
