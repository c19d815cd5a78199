using FinchDashboard.FinchSandbox.Hosting;
using FinchDashboard.FinchSandbox.State;
using FinchDashboard.FinchSandbox.Webhooks;
using Microsoft.Extensions.Options;

namespace FinchDashboard.FinchSandbox.Jobs;

/// <summary>
/// Plays the part of Finch's sync workers: each queued job runs for JobDuration, ends according to the connection's
/// status at that moment, and announces itself with job.{type}.completed.
/// </summary>
public sealed class JobRunner(
    JobService jobs,
    SandboxStore store,
    WebhookPublisher webhooks,
    TimeProvider time,
    IOptions<FinchSandboxOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var jobId in jobs.Queue.ReadAllAsync(stoppingToken))
        {
            // Jobs of different connections run side by side, as they would at Finch.
            _ = RunAsync(jobId, stoppingToken);
        }
    }

    private async Task RunAsync(string jobId, CancellationToken stoppingToken)
    {
        lock (store.Gate)
        {
            var job = store.Jobs[jobId];
            job.Status = "in_progress";
            job.StartedAt = time.GetUtcNow();
        }
        try
        {
            await Task.Delay(options.Value.JobDuration, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (store.Gate)
        {
            var job = store.Jobs[jobId];
            var connection = store.Connections[job.ConnectionId];
            var now = time.GetUtcNow();
            job.Status = connection.Disconnected ? "error" : connection.Status switch
            {
                ConnectionStatuses.Reauth => "reauth_error",
                ConnectionStatuses.ErrorPermissions => "permissions_error",
                ConnectionStatuses.Connected => "complete",
                _ => "error",
            };
            job.CompletedAt = now;
            if (job.Status == "complete") connection.LastSuccessfulSync = now;
            webhooks.JobCompleted(connection, job.Type, job.JobId, job.JobUrl);
        }
    }
}
