using System.Net;
using FinchDashboard.Tests;
using Npgsql;

namespace FinchDashboard.Integration.Health;

/// <summary>
/// What a load balancer sees: live while the process answers, ready only while the database is reachable and migrated
/// and the background work runs. Each class gets its own database, so cutting this one off disturbs no other test.
/// </summary>
public sealed class HealthEndpointTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Ready_fails_while_the_database_refuses_the_dashboard_and_recovers_when_it_is_back_while_live_never_fails()
    {
        var client = app.CreateClient();
        Assert.Equal("Healthy", await WaitForAsync(client, "/healthz/ready", HttpStatusCode.OK));
        Assert.Equal("Healthy", await WaitForAsync(client, "/healthz", HttpStatusCode.OK));

        await AllowConnectionsAsync(false);
        try
        {
            Assert.Equal("Unhealthy", await WaitForAsync(client, "/healthz/ready", HttpStatusCode.ServiceUnavailable));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
        }
        finally
        {
            await AllowConnectionsAsync(true);
        }

        // Back once the pool opens fresh connections and the change listener has reconnected.
        Assert.Equal("Healthy", await WaitForAsync(client, "/healthz/ready", HttpStatusCode.OK));
    }

    [Fact]
    public async Task An_instance_that_only_stores_webhooks_is_ready_without_processors()
    {
        await using var storing = new DashboardFactory(new Dictionary<string, string>
        {
            ["ConnectionStrings:Dashboard"] = app.ConnectionString,
            ["Webhooks:ProcessingEnabled"] = "false",
        });
        await storing.InitializeAsync();

        Assert.Equal("Healthy", await WaitForAsync(storing.CreateClient(), "/healthz/ready", HttpStatusCode.OK));
    }

    private static async Task<string> WaitForAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            }
            await Task.Delay(100);
        }
    }

    // PostgreSQL going away, as this dashboard meets it: new connections refused and the open ones (the pool's, the change
    // listener's) cut. The server itself is shared with the other test classes, so it stays up.
    private async Task AllowConnectionsAsync(bool allow)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = "postgres" }.ConnectionString);
        await server.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS {(allow ? "true" : "false")}", server))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allow)
        {
            await using var cut = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", server);
            cut.Parameters.AddWithValue("database", database);
            await cut.ExecuteNonQueryAsync();
        }
    }
}
