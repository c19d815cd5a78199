using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Webhooks;

/// <summary>A finished data sync, as the emulator announces it, applied with what Finch says about the job.</summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class DataSyncWebhookTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private DashboardFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = finch.NewDashboard();
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await finch.ResetFaultsAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Finch_is_asked_how_the_sync_ended_while_the_connection_stays_free_for_other_writers()
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        var employer = await _app.AddEmployerAsync("Sync Supplies");
        var connection = await _app.AddConnectionAsync(employer, ConnectionState.Live, c => c.FinchConnectionId(token.ConnectionId));
        await using (var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync())
        {
            await _app.Services.GetRequiredService<ConnectionTokens>().StoreAsync(db, connection.Id, employer.Id, token.AccessToken);
            await db.SaveChangesAsync();
        }

        var before = finch.Webhooks.Count;
        var created = await finch.Connection.CreateDataSyncJobAsync(token.AccessToken);
        var jobId = created.Value!.JobId!;
        var finished = await finch.Webhooks.WaitForAsync(w => w.Text.Contains("job.data_sync_all.completed") && w.Text.Contains(jobId), before);
        // Finch takes its time to answer how the job ended.
        await finch.AddFaultAsync("latency", 1, "/jobs/automated", latencyMs: 3000);

        Assert.Equal(HttpStatusCode.OK, (await FinchSandboxFixture.ForwardAsync(_app, finished)).StatusCode);
        await WaitUntilFinchIsAskedAsync();
        var write = await WriteConnectionAsync(connection.Id);

        Assert.Null(write);
        var processed = await _app.ProcessedAsync(finished.EventId!);
        Assert.Equal((WebhookEventState.Applied, "Data sync complete; last sync recorded."), (processed.State, processed.Outcome));
        var job = await finch.Connection.GetAutomatedJobAsync(token.AccessToken, jobId);
        var synced = await _app.ReadAsync(db => db.Connections.Where(c => c.Id == connection.Id).Select(c => c.LastSyncedAt).SingleAsync());
        // PostgreSQL keeps microseconds; the emulator's clock ticks in tenths of one.
        Assert.Equal(job.Value!.CompletedAt!.Value, synced!.Value, TimeSpan.FromMilliseconds(1));
    }

    /// <summary>The emulator has taken the slow answer: the processor's call to Finch is under way.</summary>
    private async Task WaitUntilFinchIsAskedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await finch.RemainingFaultsAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The processor did not ask Finch about the job within 15 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Updates the connection's row as any other writer would; the database error if it had to wait for a lock.</summary>
    private async Task<string?> WriteConnectionAsync(Guid connectionId)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"SET LOCAL lock_timeout = '1s'");
        try
        {
            await db.Database.ExecuteSqlAsync($"UPDATE connections SET company_name = company_name WHERE id = {connectionId}");
            await transaction.CommitAsync();
            return null;
        }
        catch (Npgsql.PostgresException ex)
        {
            return ex.MessageText;
        }
    }
}
