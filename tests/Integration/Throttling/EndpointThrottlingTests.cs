using System.Collections.Concurrent;
using System.Net;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Integration.Webhooks;
using Npgsql;

namespace FinchDashboard.Integration.Throttling;

/// <summary>
/// The Connect callback and webhooks limited by client address, and the CSV export one at a time per user, through the
/// real app: <see cref="TightLimits"/> with limits small enough to reach, the plain factory with the defaults.
/// </summary>
public sealed class EndpointThrottlingTests(EndpointThrottlingTests.TightLimits tight, DashboardFactory app)
    : IClassFixture<EndpointThrottlingTests.TightLimits>, IClassFixture<DashboardFactory>
{
    private const int CallbacksPerAddress = 2;
    private const int WebhooksPerAddress = 5;

    public sealed class TightLimits : IAsyncLifetime
    {
        public DashboardFactory App { get; } = new(new Dictionary<string, string>
        {
            ["RateLimits:ConnectCallbackPerAddress:PermitLimit"] = $"{CallbacksPerAddress}",
            ["RateLimits:WebhooksPerAddress:TokenLimit"] = $"{WebhooksPerAddress}",
            ["RateLimits:WebhooksPerAddress:TokensPerPeriod"] = $"{WebhooksPerAddress}",
            ["RateLimits:WebhooksPerAddress:ReplenishmentPeriod"] = "00:01:00",
        });

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    [Fact]
    public async Task The_Connect_callback_is_refused_from_one_address_once_its_limit_is_spent()
    {
        var client = tight.App.CreateClientFrom(ClientAddresses.Next());
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        const string callback = $"{ConnectCallbackEndpoint.Path}?code=a-code&state=a-state-we-never-issued";
        for (var attempt = 0; attempt < CallbacksPerAddress; attempt++)
        {
            var answered = await client.GetAsync(callback);
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
            Assert.Equal("/connect/done?outcome=invalid", answered.Headers.Location?.OriginalString);
        }

        var refused = await client.GetAsync(callback);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Wait 1 minute, then reload this page to finish connecting.", await refused.Content.ReadAsStringAsync());
        var elsewhere = await tight.App.CreateClientFrom(ClientAddresses.Next()).GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_few_hundred_quick_webhooks_from_one_address_are_all_accepted_with_the_default_limit()
    {
        var client = app.CreateClientFrom(ClientAddresses.Next());
        var deliveries = Enumerable.Range(0, 300).Select(_ => FinchDelivery.Create("conn-burst", "company.updated", null));
        var answers = new ConcurrentBag<HttpStatusCode>();

        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (delivery, _) => answers.Add((await delivery.PostAsync(client)).StatusCode));

        Assert.Equal(300, answers.Count);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer));
    }

    [Fact]
    public async Task Webhooks_beyond_a_configured_limit_are_refused_with_Retry_After()
    {
        var client = tight.App.CreateClientFrom(ClientAddresses.Next());
        for (var delivery = 0; delivery < WebhooksPerAddress; delivery++)
        {
            Assert.Equal(HttpStatusCode.OK, (await FinchDelivery.Create("conn-flood", "company.updated", null).PostAsync(client)).StatusCode);
        }

        var refused = await FinchDelivery.Create("conn-flood", "company.updated", null).PostAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal("text/plain", refused.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Too many webhook deliveries. Too many deliveries came from this address. Retry after ", await refused.Content.ReadAsStringAsync());
        var elsewhere = await FinchDelivery.Create("conn-flood", "company.updated", null).PostAsync(tight.App.CreateClientFrom(ClientAddresses.Next()));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_second_export_of_one_user_while_the_first_runs_is_refused_and_another_users_export_runs()
    {
        var employer = await app.AddEmployerAsync("Export Throttle");
        await app.AddConnectionAsync(employer, ConnectionState.Live, _ => { });
        var first = await SignedInClientAsync(Role.EmployerAdmin, employer);
        var second = await SignedInClientAsync(Role.EmployerAdmin, employer);

        Task<HttpResponseMessage> running, othersExport;
        HttpResponseMessage refused;
        await using (var blocker = new NpgsqlConnection(app.ConnectionString))
        {
            // Holding the connections table keeps an export in its query, and so holding its permit, until the rollback.
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await new NpgsqlCommand("LOCK TABLE connections IN ACCESS EXCLUSIVE MODE", blocker, hold).ExecuteNonQueryAsync();
            running = first.GetAsync(ConnectionExport.Path);
            await QueriesWaitingAsync(1);

            refused = await first.GetAsync(ConnectionExport.Path);
            othersExport = second.GetAsync(ConnectionExport.Path);
            await QueriesWaitingAsync(2);
            await hold.RollbackAsync();
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Your previous export has not finished yet.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await othersExport).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(ConnectionExport.Path)).StatusCode);
    }

    private async Task<HttpClient> SignedInClientAsync(Role role, Employer employer)
    {
        var user = await app.AddUserAsync(role, employer);
        var client = app.CreateClientFrom(ClientAddresses.Next());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(client, user.Email!, DashboardFactory.Password)).StatusCode);
        return client;
    }

    /// <summary>Waits until <paramref name="count"/> queries of the app wait for a lock, so an export holds its permit.</summary>
    private async Task QueriesWaitingAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var probe = new NpgsqlConnection(app.ConnectionString);
            await probe.OpenAsync();
            var waiting = (long)(await new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", probe).ExecuteScalarAsync())!;
            if (waiting >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{count} export queries did not reach the locked table within 15 s.");
    }
}
