using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Jobs;

/// <summary>
/// Stores what Finch reports about a connection's automated jobs, from the job list, a job read after its webhook, or
/// the answer to "Sync now": one row per Finch job, and a completed data sync moves the connection's last sync.
/// </summary>
public static class AutomatedJobReports
{
    /// <summary>Stages the reports on <paramref name="db"/>, which tracks <paramref name="connection"/>; returns the jobs as now stored.</summary>
    public static async Task<IReadOnlyList<AutomatedJob>> ApplyAsync(
        DashboardDbContext db, Connection connection, IReadOnlyCollection<FinchAutomatedJob> reported, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = reported.Select(j => j.JobId).Distinct().ToArray();
        var known = await db.AutomatedJobs
            .Where(j => j.ConnectionId == connection.Id && ids.Contains(j.FinchJobId))
            .ToDictionaryAsync(j => j.FinchJobId, StringComparer.Ordinal, cancellationToken);

        var stored = new List<AutomatedJob>();
        foreach (var report in reported)
        {
            // A status Finch may add later is not guessed at; the job shows once it has one the dashboard knows.
            if (!AutomatedJobStatuses.TryParseWireName(report.Status, out var status)
                || report.JobId.Length > AutomatedJob.FinchJobIdMaxLength || report.Type.Length > AutomatedJob.TypeMaxLength)
            {
                continue;
            }

            if (!known.TryGetValue(report.JobId, out var job))
            {
                job = AutomatedJob.Record(connection, report.JobId, report.Type, report.CreatedAt ?? now, now);
                db.AutomatedJobs.Add(job);
                known[report.JobId] = job;
            }

            job.Report(status, report.ScheduledAt, report.StartedAt, report.CompletedAt, now);
            if (job.Type == AutomatedJob.DataSyncAll && job.Status == AutomatedJobStatus.Complete)
            {
                connection.RecordSync(job.CompletedAt ?? now);
            }

            stored.Add(job);
        }

        return stored;
    }
}
