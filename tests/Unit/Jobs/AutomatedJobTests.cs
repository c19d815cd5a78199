using FinchDashboard.Dashboard.Jobs;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Jobs;

namespace FinchDashboard.Unit.Jobs;

/// <summary>A stored Finch job as reports arrive in any order, and when "Sync now" may be pressed.</summary>
public class AutomatedJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Employer Acme = new(Guid.CreateVersion7(), "acme", "Acme", null, Now.AddDays(-1));

    private static Connection Live()
    {
        var connection = Connection.Stage(Guid.CreateVersion7(), Acme, "gusto", ["company"], "sess_1", Now.AddDays(30), Now.AddDays(-1));
        connection.CompleteConnectSession("conn_1", "company_1", "gusto", ["company"], Now.AddDays(-1));
        return connection;
    }

    private static AutomatedJob Job(Connection connection, AutomatedJobStatus status = AutomatedJobStatus.Pending)
    {
        var job = AutomatedJob.Record(connection, "job_1", AutomatedJob.DataSyncAll, Now.AddMinutes(-1), Now.AddMinutes(-1), "Ada Admin");
        job.Report(status, null, status == AutomatedJobStatus.Pending ? null : Now.AddSeconds(-50), status.IsFinished() ? Now : null, Now);
        return job;
    }

    [Fact]
    public void A_finished_job_stays_finished_when_an_older_answer_arrives_late()
    {
        var job = Job(Live(), AutomatedJobStatus.Complete);

        job.Report(AutomatedJobStatus.InProgress, null, Now.AddSeconds(-50), null, Now.AddSeconds(1));

        Assert.Equal((AutomatedJobStatus.Complete, Now, TimeSpan.FromSeconds(50)), (job.Status, job.CompletedAt, job.Duration));
    }

    [Fact]
    public void A_running_job_moves_on_and_has_no_duration_until_it_completes()
    {
        var job = Job(Live());
        Assert.Null(job.Duration);

        job.Report(AutomatedJobStatus.InProgress, null, Now.AddSeconds(-30), null, Now);
        Assert.Equal((AutomatedJobStatus.InProgress, false), (job.Status, job.IsFinished));

        job.Report(AutomatedJobStatus.ReauthError, null, null, Now.AddSeconds(5), Now.AddSeconds(5));
        Assert.Equal((AutomatedJobStatus.ReauthError, TimeSpan.FromSeconds(35)), (job.Status, job.Duration));
    }

    [Fact]
    public void Sync_now_waits_for_a_running_sync_then_for_the_time_Finch_named()
    {
        var connection = Live();

        var running = ConnectionJobs.Availability(connection, [Job(connection, AutomatedJobStatus.InProgress)], Now);
        Assert.False(running.Allowed);
        Assert.Contains("already in progress", running.Reason);

        connection.HoldSyncsUntil(Now.AddMinutes(40));
        var held = ConnectionJobs.Availability(connection, [Job(connection, AutomatedJobStatus.Complete)], Now);
        Assert.Equal((false, Now.AddMinutes(40)), (held.Allowed, held.AllowedAt));

        Assert.True(ConnectionJobs.Availability(connection, [Job(connection, AutomatedJobStatus.Complete)], Now.AddMinutes(40)).Allowed);
    }

    [Theory]
    [InlineData("pending", AutomatedJobStatus.Pending, false)]
    [InlineData("in_progress", AutomatedJobStatus.InProgress, false)]
    [InlineData("complete", AutomatedJobStatus.Complete, true)]
    [InlineData("error", AutomatedJobStatus.Error, true)]
    [InlineData("reauth_error", AutomatedJobStatus.ReauthError, true)]
    [InlineData("permissions_error", AutomatedJobStatus.PermissionsError, true)]
    public void Finchs_job_statuses_are_read_by_their_wire_names(string wireName, AutomatedJobStatus status, bool finished)
    {
        Assert.True(AutomatedJobStatuses.TryParseWireName(wireName, out var parsed));
        Assert.Equal((status, finished, wireName), (parsed, parsed.IsFinished(), parsed.WireName()));
    }
}
