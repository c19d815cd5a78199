using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Connections;

/// <summary>
/// The action-needed rule is written once, as expressions that PostgreSQL runs (translated by EF Core) and that
/// in-memory code compiles. Over generated connections on both sides of every threshold, the two give each
/// connection the same answer.
/// </summary>
public sealed class ActionNeededRuleAgreementTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    // Whole microseconds, as PostgreSQL stores instants, so a connection generated exactly at the threshold stays there.
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Microsecond = TimeSpan.FromTicks(10);
    private static readonly ActionNeededThresholds Thresholds = new ActionNeededOptions().Thresholds;
    private Employer _employer = default!;

    public async Task InitializeAsync()
    {
        _employer = await app.AddEmployerAsync("Generated connections");
        var random = new Random(20261121);
        TimeSpan Jitter() => TimeSpan.FromSeconds(random.Next(-2 * 86_400, 2 * 86_400));
        // Built through the domain's own transitions, so only states a connection can really reach are generated.
        var built =
            (from state in Enum.GetValues<ConnectionState>()
             from status in Enum.GetValues<ConnectionStatus>().Where(s => s != ConnectionStatus.Disconnected)
             from type in Enum.GetValues<ConnectionType>()
             from sincePendingThreshold in new[] { TimeSpan.Zero, -Microsecond, Microsecond, Jitter() }
             from sinceSyncThreshold in new TimeSpan?[] { null, TimeSpan.Zero, -Microsecond, Microsecond, Jitter() }
             from healthFailureCount in new[]
             {
                 0, ActionNeeded.RepeatedHealthCheckFailures - 1, ActionNeeded.RepeatedHealthCheckFailures,
                 ActionNeeded.RepeatedHealthCheckFailures + random.Next(1, 10),
             }
             select Generate(state, status, type, sincePendingThreshold, sinceSyncThreshold, healthFailureCount))
            .ToList();

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        db.Connections.AddRange(built.Select(b => b.Connection));
        db.ConnectionEntities.AddRange(built.SelectMany(b => b.Entities));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // Never synced, or synced just either side of (or around) the type's overdue threshold.
    private (Connection Connection, IReadOnlyList<ConnectionEntity> Entities) Generate(
        ConnectionState state, ConnectionStatus status, ConnectionType type, TimeSpan sincePendingThreshold, TimeSpan? sinceSyncThreshold,
        int healthFailureCount)
    {
        var builder = new ConnectionBuilder(_employer, state)
            .Status(status, Now - Thresholds.PendingLimit(type) + sincePendingThreshold)
            .Type(type)
            .FailingHealthChecks(healthFailureCount, HealthCheckFailureKind.FinchError);
        if (sinceSyncThreshold is { } sinceSync)
        {
            builder.LastSynced(Now - Thresholds.SyncOverdueAfter(type) + sinceSync);
        }

        return builder.Build();
    }

    [Fact]
    public async Task Every_generated_connection_gets_the_same_kind_in_SQL_as_in_memory()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var generated = db.Connections.AsNoTracking().Where(c => c.EmployerId == _employer.Id).OrderBy(c => c.Id);

        var stored = await generated.ToListAsync();
        var kindsInSql = await generated.Select(ActionNeeded.KindAt(Now, Thresholds)).ToListAsync();

        var kindOf = ActionNeeded.KindAt(Now, Thresholds).Compile();
        var disagreements = stored.Zip(kindsInSql)
            .Where(pair => kindOf(pair.First) != pair.Second)
            .Select(pair => $"{Describe(pair.First)}: SQL says {Name(pair.Second)}, memory says {Name(kindOf(pair.First))}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        // Every kind and "no action" occur, so this is not agreement on a corner of the rule.
        Assert.Equal(ActionNeeded.AllKinds.Count + 1, kindsInSql.Distinct().Count());
    }

    [Fact]
    public async Task The_SQL_filter_finds_exactly_the_connections_the_in_memory_predicate_accepts()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var generated = db.Connections.AsNoTracking().Where(c => c.EmployerId == _employer.Id);

        var needingActionInSql = (await generated.Where(ActionNeeded.NeedsActionAt(Now, Thresholds)).Select(c => c.Id).ToListAsync()).ToHashSet();

        var needsAction = ActionNeeded.NeedsActionAt(Now, Thresholds).Compile();
        var disagreements = (await generated.ToListAsync())
            .Where(c => needsAction(c) != needingActionInSql.Contains(c.Id))
            .Select(c => $"{Describe(c)}: SQL says {needingActionInSql.Contains(c.Id)}, memory says {needsAction(c)}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        // Some need action and some do not, so this is not agreement on an empty or a full set.
        Assert.InRange(needingActionInSql.Count, 1, await generated.CountAsync() - 1);
    }

    [Fact]
    public async Task The_SQL_overdue_filter_finds_exactly_the_connections_the_in_memory_rule_calls_overdue()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var generated = db.Connections.AsNoTracking().Where(c => c.EmployerId == _employer.Id);

        var overdueInSql = (await generated.Where(ActionNeeded.SyncOverdueOf(Now, Thresholds)).Select(c => c.Id).ToListAsync()).ToHashSet();

        var overdue = ActionNeeded.SyncOverdueAt(Now, Thresholds).Compile();
        var disagreements = (await generated.ToListAsync())
            .Where(c => overdue(c.Status, c.ConnectionType, c.LastSyncedAt) != overdueInSql.Contains(c.Id))
            .Select(c => $"{Describe(c)}: SQL says {overdueInSql.Contains(c.Id)}, memory says {!overdueInSql.Contains(c.Id)}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
        Assert.InRange(overdueInSql.Count, 1, await generated.CountAsync() - 1);
    }

    private static string Describe(Connection c) =>
        $"{c.State} {c.ConnectionType} {c.Status} since {c.StatusChangedAt:O}, last synced {c.LastSyncedAt:O}, with {c.HealthFailureCount} failed health checks";

    private static string Name(ActionNeededKind? kind) => kind?.ToString() ?? "no action";
}
