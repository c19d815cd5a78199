using System.Text.Json;
using FinchDashboard.FinchSandbox.Tests.Infrastructure;

namespace FinchDashboard.FinchSandbox.Tests;

public class JobTests(SandboxFactory factory) : IClassFixture<SandboxFactory>
{
    private readonly FinchApi _api = new(factory);

    private Task<HttpResponseMessage> CreateJobAsync(string token, string type = "data_sync_all") =>
        _api.SendAsync(HttpMethod.Post, "/jobs/automated", new { type }, FinchApi.Bearer(token));

    [Fact]
    public async Task One_job_in_flight_then_completion_webhook_then_hourly_limit()
    {
        var connection = await _api.CreateSandboxConnectionAsync();
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
        Assert.True(DateTimeOffset.Parse(body.GetProperty("retry_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task Jobs_are_private_to_their_connection_and_validated()
    {
        var owner = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        var other = (await _api.CreateSandboxConnectionAsync()).GetProperty("access_token").GetString()!;
        var jobId = (await FinchApi.JsonAsync(await CreateJobAsync(owner))).GetProperty("job_id").GetString();

        await FinchApi.AssertErrorAsync(await _api.GetAsync($"/jobs/automated/{jobId}", other), 404, "not_found_error", "item_not_found");
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
