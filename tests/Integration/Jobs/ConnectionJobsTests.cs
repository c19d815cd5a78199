using System.Net;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Dashboard.Jobs;
using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Jobs;
using FinchDashboard.Domain.Webhooks;
using FinchDashboard.Integration.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Jobs;

/// <summary>
/// The connection page's jobs against the emulator on PostgreSQL: what each page view and "Sync now" cost in Finch
/// calls (counted by the emulator), how job webhooks move a job and the last sync, and who may sync.
/// </summary>
[Collection(FinchSandboxCollection.Name)]
public sealed class ConnectionJobsTests(FinchSandboxFixture finch) : IAsyncLifetime
{
    private const string JobList = "GET /jobs/automated";
    private const string JobCreate = "POST /jobs/automated";

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
    public async Task A_page_view_makes_one_list_call_and_sync_now_is_followed_through_webhooks_alone()
    {
        var (employer, connection, token) = await ConnectedAsync("Jobs Supplies");
        await finch.WaitForInitialSyncAsync(token);
        await using var support = await _app.SignedInScopeAsync(Role.Support);
        var jobs = support.ServiceProvider.GetRequiredService<ConnectionJobs>();

        var read = await jobs.ReadFromFinchAsync(connection.Id);

        Assert.True(read.Succeeded, read.Message);
        var opened = (await jobs.ReadAsync(connection.Id))!;
        var initial = Assert.Single(opened.Recent);
        Assert.Equal(AutomatedJobStatus.Complete, initial.Status);
        Assert.NotNull(initial.ScheduledAt);
        Assert.False(opened.InitialImportInProgress);
        Assert.True(opened.Sync.Allowed);
        var firstSync = await LastSyncedAsync(connection.Id);
        Assert.Equal(initial.CompletedAt, firstSync);

        var before = finch.Webhooks.Count;
        var synced = await jobs.SyncNowAsync(connection.Id);

        Assert.True(synced.Succeeded, synced.Message);
        var running = (await jobs.ReadAsync(connection.Id))!;
        var asked = running.Recent[0];
        Assert.Equal((AutomatedJobStatus.Pending, false), (asked.Status, asked.IsFinished));
        Assert.NotNull(asked.RequestedBy);
        // Finch runs one at a time: the button says so while it runs.
        Assert.False(running.Sync.Allowed);
        Assert.Contains("already queued", running.Sync.Reason);

        var finished = await finch.Webhooks.WaitForAsync(w => w.Text.Contains("job.data_sync_all.completed") && w.Text.Contains(asked.FinchJobId), before);
        Assert.Equal(HttpStatusCode.OK, (await FinchSandboxFixture.ForwardAsync(_app, finished)).StatusCode);
        Assert.Equal(WebhookEventState.Applied, (await _app.ProcessedAsync(finished.EventId!)).State);

        var afterwards = (await jobs.ReadAsync(connection.Id))!;
        var done = afterwards.Recent[0];
        Assert.Equal((asked.FinchJobId, AutomatedJobStatus.Complete), (done.FinchJobId, done.Status));
        Assert.NotNull(done.Duration);
        var lastSynced = await LastSyncedAsync(connection.Id);
        Assert.True(lastSynced > firstSync, $"Last sync {lastSynced} did not move past {firstSync}.");
        Assert.Equal(done.CompletedAt, lastSynced);
        // Finch allows one forced sync an hour, and it has been used: the button says from when.
        Assert.False(afterwards.Sync.Allowed);
        Assert.InRange(afterwards.Sync.AllowedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));

        // A second press before Finch allows it is answered here, without a call.
        var again = await jobs.SyncNowAsync(connection.Id);
        Assert.False(again.Succeeded);
        Assert.Contains("Finch allows the next sync", again.Message);

        // One list call for the page view, one create for Sync now, one read of the finished job for its webhook.
        var calls = await finch.RequestsOfAsync(token.ConnectionId);
        Assert.Equal(1, calls.Count(c => c == JobList));
        Assert.Equal(1, calls.Count(c => c == JobCreate));
        Assert.Equal([$"GET /jobs/automated/{asked.FinchJobId}"], calls.Where(c => c.StartsWith("GET /jobs/automated/", StringComparison.Ordinal)));
        Assert.Equal(1, await AuditCountAsync(employer, AuditAction.SyncRequested, AuditOutcome.Succeeded));
    }

    [Fact]
    public async Task A_429_from_Finch_is_explained_with_its_Retry_After_and_the_button_waits_for_it()
    {
        var (employer, connection, token) = await ConnectedAsync("Quota Supplies");
        await finch.WaitForInitialSyncAsync(token);
        // Another client of this Finch application used the hour's forced sync.
        Assert.NotNull((await finch.Connection.CreateDataSyncJobAsync(token.AccessToken)).Value?.JobId);
        await WaitUntilFinishedAtFinchAsync(token);
        await using var admin = await _app.SignedInScopeAsync(Role.Admin);
        var jobs = admin.ServiceProvider.GetRequiredService<ConnectionJobs>();

        var refused = await jobs.SyncNowAsync(connection.Id);

        Assert.False(refused.Succeeded);
        Assert.Contains("429", refused.Message);
        Assert.Matches(@"wait (59|60) minutes", refused.Message);
        var view = (await jobs.ReadAsync(connection.Id))!;
        Assert.False(view.Sync.Allowed);
        Assert.InRange(view.Sync.AllowedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(58), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(1, await AuditCountAsync(employer, AuditAction.SyncRequested, AuditOutcome.Failed));
    }

    [Fact]
    public async Task Sync_now_is_refused_to_an_employer_admin_and_to_staff_of_another_employer_without_asking_Finch()
    {
        var (employer, connection, token) = await ConnectedAsync("Guarded Supplies");
        var other = await _app.AddEmployerAsync($"Other {Guid.NewGuid():N}"[..14]);

        await using (var employerAdmin = await _app.SignedInScopeAsync(Role.EmployerAdmin, employer))
        {
            var outcome = await employerAdmin.ServiceProvider.GetRequiredService<ConnectionJobs>().SyncNowAsync(connection.Id);
            Assert.Equal((false, "Your role cannot ask Finch to sync a connection; ask support or the employer's account manager."), (outcome.Succeeded, outcome.Message));
        }

        await using (var otherManager = await _app.SignedInScopeAsync(Role.AccountManager, other))
        {
            var outcome = await otherManager.ServiceProvider.GetRequiredService<ConnectionJobs>().SyncNowAsync(connection.Id);
            Assert.Equal((false, "There is no such connection, or it belongs to an employer your account cannot see."), (outcome.Succeeded, outcome.Message));
            Assert.Null(await otherManager.ServiceProvider.GetRequiredService<ConnectionJobs>().ReadAsync(connection.Id));
        }

        Assert.DoesNotContain(JobCreate, await finch.RequestsOfAsync(token.ConnectionId));
        Assert.Equal(1, await AuditCountAsync(employer, AuditAction.SyncRequested, AuditOutcome.Denied));
        Assert.Equal(1, await _app.ReadAsync(db => db.AuditLog.CountAsync(r => r.Action == AuditAction.OutOfScopeAccess && r.TargetId == connection.Id.ToString())));
    }

    [Fact]
    public async Task A_new_connection_shows_its_initial_import_until_a_data_sync_completes()
    {
        var employer = await _app.AddEmployerAsync($"Import {Guid.NewGuid():N}"[..14]);
        var connection = await _app.AddConnectionAsync(employer, ConnectionState.Live, c => c.FinchConnectionId(Guid.NewGuid().ToString()));
        var createdAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        await ReportAsync(connection.Id, new FinchAutomatedJob("initial-1", null, AutomatedJob.DataSyncAll, "in_progress", createdAt, createdAt, createdAt.AddSeconds(1), null));
        await using var support = await _app.SignedInScopeAsync(Role.Support);
        var jobs = support.ServiceProvider.GetRequiredService<ConnectionJobs>();

        var importing = (await jobs.ReadAsync(connection.Id))!;

        Assert.True(importing.InitialImportInProgress);
        Assert.False(importing.Sync.Allowed);
        Assert.Null(await LastSyncedAsync(connection.Id));

        var completedAt = createdAt.AddSeconds(4);
        await ReportAsync(connection.Id, new FinchAutomatedJob("initial-1", null, AutomatedJob.DataSyncAll, "complete", createdAt, createdAt, createdAt.AddSeconds(1), completedAt));
        // An answer read before the job ended, arriving late, does not move it back.
        await ReportAsync(connection.Id, new FinchAutomatedJob("initial-1", null, AutomatedJob.DataSyncAll, "in_progress", createdAt, createdAt, createdAt.AddSeconds(1), null));

        var imported = (await jobs.ReadAsync(connection.Id))!;
        Assert.False(imported.InitialImportInProgress);
        Assert.True(imported.Sync.Allowed);
        var job = Assert.Single(imported.Recent);
        Assert.Equal((AutomatedJobStatus.Complete, TimeSpan.FromSeconds(3)), (job.Status, job.Duration));
        Assert.Equal(completedAt, (await LastSyncedAsync(connection.Id))!.Value, TimeSpan.FromMilliseconds(1));
    }

    private async Task<(Employer Employer, Connection Connection, FinchTokenResponse Token)> ConnectedAsync(string name)
    {
        var token = await finch.ConnectAsync(FinchSandboxFixture.NewCustomerId());
        var employer = await _app.AddEmployerAsync($"{name} {Guid.NewGuid():N}"[..(name.Length + 7)]);
        var connection = await _app.AddConnectionAsync(employer, ConnectionState.Live, c => c.FinchConnectionId(token.ConnectionId));
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        await _app.Services.GetRequiredService<ConnectionTokens>().StoreAsync(db, connection.Id, employer.Id, token.AccessToken);
        await db.SaveChangesAsync();
        return (employer, connection, token);
    }

    private async Task ReportAsync(Guid connectionId, FinchAutomatedJob report)
    {
        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        var connection = await db.Connections.SingleAsync(c => c.Id == connectionId);
        await AutomatedJobReports.ApplyAsync(db, connection, [report], DateTimeOffset.UtcNow, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private async Task WaitUntilFinishedAtFinchAsync(FinchTokenResponse token)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await finch.Connection.ListAutomatedJobsAsync(token.AccessToken, 10)).Value!.Data.Any(j => j.Status is "pending" or "in_progress"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The emulator's job did not finish within 15 s.");
            await Task.Delay(100);
        }
    }

    private Task<DateTimeOffset?> LastSyncedAsync(Guid connectionId) =>
        _app.ReadAsync(db => db.Connections.Where(c => c.Id == connectionId).Select(c => c.LastSyncedAt).SingleAsync());

    private Task<int> AuditCountAsync(Employer employer, AuditAction action, AuditOutcome outcome) =>
        _app.ReadAsync(db => db.AuditLog.CountAsync(r => r.EmployerId == employer.Id && r.Action == action && r.Outcome == outcome));
}
