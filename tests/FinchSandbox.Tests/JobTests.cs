using System.Globalization;
using System.Text.Json;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class JobTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    private Task<HttpResponseMessage> CreateJobAsync(string token, string type = "data_sync_all") =>
        _api.SendAsync(HttpMethod.Post, "/jobs/automated", new { type }, FinchApi.Bearer(token));

    private async Task<JsonElement> ListJobsAsync(string token, string query = "") =>
        await FinchApi.JsonAsync(await _api.GetAsync("/jobs/automated" + query, token));

    /// <summary>A sandbox connection whose initial sync has completed, so POST /jobs/automated starts a new job.</summary>
    private async Task<JsonElement> CreateSyncedConnectionAsync()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
        await _api.WaitForInitialSyncAsync(connection.GetProperty("connection_id").GetString()!);
        return connection;
    }

    [Fact]
    public async Task A_new_connection_starts_with_its_initial_sync_and_has_no_successful_sync_until_it_completes()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
        var token = connection.GetProperty("access_token").GetString()!;

        var listed = await ListJobsAsync(token);
        var initial = Assert.Single(listed.GetProperty("data").EnumerateArray());
        Assert.Contains(initial.GetProperty("status").GetString(), new[] { "pending", "in_progress" });
        Assert.Equal("data_sync_all", initial.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, initial.GetProperty("scheduled_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("completed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await _api.IntrospectAsync(token)).GetProperty("connection_status").GetProperty("last_successful_sync").ValueKind);

        // A forced refresh asked for during the initial sync gets that job, and costs no refresh.
        var duringInitial = await FinchApi.JsonAsync(await CreateJobAsync(token));
        Assert.Equal(initial.GetProperty("job_id").GetString(), duringInitial.GetProperty("job_id").GetString());
        Assert.Equal(1, duringInitial.GetProperty("remaining_refreshes").GetInt32());

        await _api.WaitForInitialSyncAsync(connection.GetProperty("connection_id").GetString()!);
        var done = (await ListJobsAsync(token)).GetProperty("data")[0];
        Assert.Equal("complete", done.GetProperty("status").GetString());
        var completedAt = DateTimeOffset.Parse(done.GetProperty("completed_at").GetString()!, CultureInfo.InvariantCulture);
        var lastSync = (await _api.IntrospectAsync(token)).GetProperty("connection_status").GetProperty("last_successful_sync").GetString();
        Assert.Equal(completedAt, DateTimeOffset.Parse(lastSync!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Assisted_connections_start_without_a_sync_job()
    {
        var connection = await _api.CreateSandboxConnectionAsync("paylocity", "assisted");

        var listed = await ListJobsAsync(connection.GetProperty("access_token").GetString()!);

        Assert.Empty(listed.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task The_job_list_has_finchs_shape_newest_first_with_the_refresh_quota()
    {
        var token = (await CreateSyncedConnectionAsync()).GetProperty("access_token").GetString()!;
        var forced = (await FinchApi.JsonAsync(await CreateJobAsync(token))).GetProperty("job_id").GetString();

        var listed = await ListJobsAsync(token);

        Assert.Equal(["data", "meta", "paging"], listed.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(2, listed.GetProperty("paging").GetProperty("count").GetInt32());
        Assert.Equal(0, listed.GetProperty("paging").GetProperty("offset").GetInt32());
        var quota = listed.GetProperty("meta").GetProperty("quotas").GetProperty("data_sync_all");
        Assert.Equal(1, quota.GetProperty("allowed_refreshes").GetInt32());
        Assert.Equal(0, quota.GetProperty("remaining_refreshes").GetInt32());
        var jobs = listed.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(forced, jobs[0].GetProperty("job_id").GetString());
        Assert.Equal(JsonValueKind.Null, jobs[0].GetProperty("scheduled_at").ValueKind);
        Assert.Equal("complete", jobs[1].GetProperty("status").GetString());
        Assert.Equal(["completed_at", "created_at", "job_id", "job_url", "params", "scheduled_at", "started_at", "status", "type"],
            jobs[1].EnumerateObject().Select(p => p.Name).Order());

        var second = await ListJobsAsync(token, "?limit=1&offset=1");
        Assert.Equal(jobs[1].GetProperty("job_id").GetString(), Assert.Single(second.GetProperty("data").EnumerateArray()).GetProperty("job_id").GetString());
        Assert.Equal(1, second.GetProperty("paging").GetProperty("offset").GetInt32());
        await FinchApi.AssertErrorAsync(await _api.GetAsync("/jobs/automated?limit=0", token), 400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task One_job_in_flight_then_completion_webhook_then_hourly_limit()
    {
        var connection = await CreateSyncedConnectionAsync();
        var token = connection.GetProperty("access_token").GetString()!;

        var created = await FinchApi.JsonAsync(await CreateJobAsync(token));
        var jobId = created.GetProperty("job_id").GetString()!;
        Assert.Equal(1, created.GetProperty("allowed_refreshes").GetInt32());
        Assert.Equal(0, created.GetProperty("remaining_refreshes").GetInt32());
        Assert.EndsWith($"/jobs/automated/{jobId}", created.GetProperty("job_url").GetString());

        var again = await FinchApi.JsonAsync(await CreateJobAsync(token));
        Assert.Equal(jobId, again.GetProperty("job_id").GetString());

        var webhook = (await factory.Webhooks.WaitForAsync(w => w.Json.GetProperty("event_type").GetString() == "job.data_sync_all.completed"
                                                               && w.Json.GetProperty("data").GetProperty("job_id").GetString() == jobId)).Single();
        Assert.Equal(created.GetProperty("job_url").GetString(), webhook.Json.GetProperty("data").GetProperty("job_url").GetString());
        Assert.Equal(connection.GetProperty("connection_id").GetString(), webhook.Json.GetProperty("connection_id").GetString());

        var job = await FinchApi.JsonAsync(await _api.GetAsync($"/jobs/automated/{jobId}", token));
        Assert.Equal(["completed_at", "created_at", "job_id", "job_url", "params", "scheduled_at", "started_at", "status", "type"],
            job.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("complete", job.GetProperty("status").GetString());
        Assert.Equal("data_sync_all", job.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, job.GetProperty("completed_at").ValueKind);

        var limited = await CreateJobAsync(token);
        var body = await FinchApi.AssertErrorAsync(limited, 429, "rate_limit_exceeded_error", null);
        Assert.Equal(0, body.GetProperty("remaining_refreshes").GetInt32());
        Assert.True(DateTimeOffset.Parse(body.GetProperty("retry_at").GetString()!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Jobs_are_private_to_their_connection_and_validated()
    {
        var owner = (await CreateSyncedConnectionAsync()).GetProperty("access_token").GetString()!;
        var other = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        var jobId = (await FinchApi.JsonAsync(await CreateJobAsync(owner))).GetProperty("job_id").GetString();

        await FinchApi.AssertErrorAsync(await _api.GetAsync($"/jobs/automated/{jobId}", other), 404, "not_found_error", "item_not_found");
        Assert.DoesNotContain((await ListJobsAsync(other)).GetProperty("data").EnumerateArray(), j => j.GetProperty("job_id").GetString() == jobId);
        await FinchApi.AssertErrorAsync(await CreateJobAsync(other, "everything"), 400, "bad_request", "invalid_request");
    }

    [Fact]
    public async Task Jobs_cannot_start_on_a_connection_needing_reauthentication()
    {
        var token = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        await _api.SetStatusAsync(token, "reauth");

        await FinchApi.AssertErrorAsync(await CreateJobAsync(token), 401, "authentication_error", "reauthenticate_user");
    }
}
