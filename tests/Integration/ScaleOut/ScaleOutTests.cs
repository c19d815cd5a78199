using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Webhooks;
using FinchDashboard.Integration.Live;
using FinchDashboard.Integration.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace FinchDashboard.Integration.ScaleOut;

/// <summary>
/// Runs alone, after the tests that run side by side, so the latency it measures is the dashboard's and not the other
/// test classes' competing for the same two cores.
/// </summary>
[CollectionDefinition(nameof(ScaleOutTests), DisableParallelization = true)]
public sealed class ScaleOutCollection;

/// <summary>
/// Two dashboard instances on one PostgreSQL database, as a deployment behind a load balancer runs them: a webhook one
/// receives reaches the pages open on the other, a sign-in one issues is accepted by the other, and an instance stopped
/// in the middle of applying webhooks loses none it acknowledged. README.md, "Running several instances", rests on these.
/// </summary>
/// <remarks>
/// The instances are hosts in this process. Each has its own services, Npgsql pool, LISTEN connection, key ring (read
/// from the database) and background processors, so between them they share only what separate processes would: the
/// database. What a second process would add is its own copy of the same code.
/// </remarks>
[Collection(nameof(ScaleOutTests))]
public sealed class ScaleOutTests(ScaleOutTests.TwoInstances instances, ITestOutputHelper output) : IClassFixture<ScaleOutTests.TwoInstances>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Instance A applies webhooks; B has its processing off, so every change B's pages hear was applied by A and came to
    /// B through PostgreSQL.
    /// </summary>
    public sealed class TwoInstances : IAsyncLifetime
    {
        public DashboardFactory A { get; } = new();

        public DashboardFactory B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await A.InitializeAsync();
            B = new DashboardFactory(new Dictionary<string, string>
            {
                ["ConnectionStrings:Dashboard"] = A.ConnectionString,
                ["Webhooks:ProcessingEnabled"] = "false",
            });
            await B.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    private DashboardFactory A => instances.A;

    private DashboardFactory B => instances.B;

    [Fact]
    public async Task A_webhook_received_by_one_instance_reaches_the_pages_open_on_the_other_within_a_second()
    {
        const int webhooks = 20;
        var employer = await A.AddEmployerAsync("Scale Out Push");
        var connections = new List<Connection>();
        for (var i = 0; i < webhooks; i++)
        {
            connections.Add(await A.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company($"Push Payroll {i}")));
        }

        // The connections' own creation is announced too; what B hears from here on was saved after it.
        await FeedListener.ListenAfterEarlierChangesAsync(B);
        var heard = connections.ToDictionary(c => c.Id, _ => new TaskCompletionSource<(long At, ConnectionChangeBatch Batch)>(TaskCreationOptions.RunContinuationsAsynchronously));
        using var openPage = B.Services.GetRequiredService<ConnectionChangeFeed>().Subscribe(batch =>
        {
            var at = Stopwatch.GetTimestamp();
            foreach (var change in batch.Changes.Where(c => c.What.HasFlag(ConnectionChangeKind.Status)))
            {
                if (heard.TryGetValue(change.ConnectionId, out var waiting))
                {
                    waiting.TrySetResult((at, batch));
                }
            }
        });

        var client = A.CreateClient();
        var latencies = new List<TimeSpan>();
        ConnectionChangeBatch last = null!;
        foreach (var connection in connections)
        {
            var response = await FinchDelivery.AccountUpdated(connection.FinchConnectionId!, "reauth").PostAsync(client);
            var answeredAt = Stopwatch.GetTimestamp();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            (var heardAt, last) = await heard[connection.Id].Task.WaitAsync(Patience);
            latencies.Add(Stopwatch.GetElapsedTime(answeredAt, heardAt));
        }

        // What a connections page on B reads for the change it heard is the status A applied.
        var read = await B.Services.GetRequiredService<ChangedConnections>().ReadAsync(last, EmployerScope.Only([employer.Id]), withActionNeeded: true);
        Assert.Equal(ConnectionStatus.Reauth, read.Rows[connections[^1].Id].Status);

        var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToList();
        var (p50, p95) = (Percentile(sorted, 0.50), Percentile(sorted, 0.95));
        output.WriteLine($"From A's 200 to B's feed, {webhooks} webhooks: p50 {p50:N0} ms, p95 {p95:N0} ms, fastest {sorted[0]:N0} ms, slowest {sorted[^1]:N0} ms");
        Assert.True(p95 < 1000, $"p95 {p95:N0} ms; all, in order sent: {string.Join(", ", latencies.Select(l => l.TotalMilliseconds.ToString("N0")))} ms");
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_accepted_by_the_other()
    {
        var (employer, other) = await A.AddTwoEmployersAsync("Scale Out Cookie", "Scale Out Other");
        await A.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company($"Cookie Payroll {employer.Id}"));
        await A.AddConnectionAsync(other, ConnectionState.Live, c => c.Company($"Cookie Payroll {other.Id}"));
        var user = await A.AddUserAsync(Role.AccountManager, employer);
        var onA = await A.SignedInBrowserAsync(user);
        var onB = onA.Copy(B);

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/connections")).StatusCode);
        // B knows who is asking, and so what they may see: their employer's connection, not the other's.
        var export = await onB.GetAsync(ConnectionExport.Path);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains($"Cookie Payroll {employer.Id}", csv);
        Assert.DoesNotContain($"Cookie Payroll {other.Id}", csv);
        Assert.Equal("/account/login", (await new HttpBrowser(B).GetAsync("/connections")).Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task An_instance_stopped_in_the_middle_of_a_batch_loses_no_acknowledged_webhook_and_the_next_applies_each_once()
    {
        // Its own database: no processor but the one stopped may touch these events before the restart.
        await using var first = new DashboardFactory();
        await first.InitializeAsync();
        var employer = await first.AddEmployerAsync("Scale Out Restart");
        var connections = new List<Connection>();
        for (var i = 0; i < 3; i++)
        {
            connections.Add(await first.AddConnectionAsync(employer, ConnectionState.Live, c => c.Company($"Restart Payroll {i}")));
        }

        var deliveries = Enumerable.Range(0, 30)
            .Select(i => FinchDelivery.Create(connections[i % connections.Count].FinchConnectionId!, "pay_statement.created", new { payment_id = Guid.NewGuid() }))
            .ToList();

        // A long save elsewhere holds the first connection: the processor claims its batch and then waits for that lock,
        // so the instance stops with the batch claimed and nothing of it committed.
        await using var database = NpgsqlDataSource.Create(first.ConnectionString);
        await using var save = await database.OpenConnectionAsync();
        await using var saving = await save.BeginTransactionAsync();
        await ExecuteAsync(save, $"SELECT id FROM connections WHERE id = '{connections[0].Id}' FOR UPDATE");

        // Together, as Finch's bursts come.
        var client = first.CreateClient();
        var answers = await Task.WhenAll(deliveries.Select(d => d.PostAsync(client)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        await WaitUntilAsync(database, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR NO KEY UPDATE%'");
        // Claimed rows are locked: the ones this transaction cannot take are the stopping instance's batch.
        var unclaimed = await ScalarAsync(save, "SELECT count(*) FROM (SELECT 1 FROM webhook_events WHERE state = 'Pending' FOR UPDATE SKIP LOCKED) AS free");
        // Stopping cancels the processor's wait inside its transaction, and PostgreSQL rolls the batch back, as it does when
        // a killed process's connection closes.
        await first.DisposeAsync();

        var stopped = await ScalarAsync(save, "SELECT count(*) FROM webhook_events WHERE state = 'Pending' AND attempts = 0");
        output.WriteLine($"The instance stopped with {deliveries.Count - unclaimed} of {deliveries.Count} events claimed; {stopped} stored and pending after it stopped");
        Assert.True(unclaimed < deliveries.Count, "the instance should have stopped with a claimed batch");
        Assert.Equal(deliveries.Count, stopped);
        await saving.RollbackAsync();

        await using var next = new DashboardFactory(new Dictionary<string, string> { ["ConnectionStrings:Dashboard"] = first.ConnectionString });
        await next.InitializeAsync();
        await WaitUntilAsync(database, $"SELECT count(*) FROM webhook_events WHERE state <> 'Pending' HAVING count(*) = {deliveries.Count}");

        var events = await next.ReadAsync(db => db.WebhookEvents.AsNoTracking().ToListAsync());
        Assert.Equal(deliveries.Select(d => d.EventId).Order(), events.Select(e => e.EventId).Order());
        Assert.All(events, e => Assert.Equal((WebhookEventState.Applied, 1), (e.State, e.Attempts)));
        foreach (var delivery in deliveries)
        {
            Assert.Equal(1, await next.AuditCountAsync(delivery.EventId));
        }

        foreach (var connection in connections)
        {
            var notes = await next.ReadAsync(db => db.ConnectionEvents.CountAsync(e => e.ConnectionId == connection.Id && e.Summary.StartsWith("Finch reports")));
            Assert.Equal(deliveries.Count / connections.Count, notes);
        }

        Assert.Equal(deliveries.Count, await next.ReadAsync(db => db.AuditLog.CountAsync(r => r.Action == AuditAction.WebhookApplied)));
    }

    /// <summary>The nearest-rank percentile of ascending <paramref name="sorted"/>.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted[(int)Math.Ceiling(fraction * sorted.Count) - 1];

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>Waits until <paramref name="count"/> (a count, null when none) is above zero.</summary>
    private static async Task WaitUntilAsync(NpgsqlDataSource database, string count)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            await using (var connection = await database.OpenConnectionAsync())
            {
                if (await ScalarAsync(connection, count) > 0)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Still none after {Patience.TotalSeconds} s: {count}");
    }
}
