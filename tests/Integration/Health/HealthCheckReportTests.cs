using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Health;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Health;

/// <summary>The health checks page's numbers, read by people who may and may not see them.</summary>
public sealed class HealthCheckReportTests : IAsyncLifetime
{
    private readonly DashboardFactory _app = new();
    private Employer _alpha = default!;
    private Employer _bravo = default!;
    private Connection _alphaFailing = default!;
    private Connection _bravoFailing = default!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _alpha = await _app.AddEmployerAsync("Alpha Foods");
        _bravo = await _app.AddEmployerAsync("Bravo Freight");
        var now = DateTimeOffset.UtcNow;
        _alphaFailing = await _app.AddConnectionAsync(_alpha, ConnectionState.Live, c => c
            .Company("Alpha Foods Inc")
            .FailingHealthChecks(2, HealthCheckFailureKind.FinchError, "500 server_error: Internal server error", at: now.AddMinutes(-5)));
        await _app.AddConnectionAsync(_alpha, ConnectionState.Live, c => c
            .FailingHealthChecks(1, HealthCheckFailureKind.TimedOut, at: now.AddMinutes(-4)));
        _bravoFailing = await _app.AddConnectionAsync(_bravo, ConnectionState.Live, c => c
            .Company("Bravo Freight LLC")
            .FailingHealthChecks(7, HealthCheckFailureKind.Unauthorized, at: now.AddMinutes(-1)));

        await using var db = await _app.Services.GetRequiredService<SystemData>().OpenAsync();
        db.HealthCheckFailures.AddRange(
            Failure(_alphaFailing, HealthCheckFailureKind.FinchError, now.AddMinutes(-5)),
            Failure(_alphaFailing, HealthCheckFailureKind.FinchError, now.AddDays(-2)),
            Failure(_alphaFailing, HealthCheckFailureKind.FinchError, now.AddDays(-8)),
            Failure(_bravoFailing, HealthCheckFailureKind.Unauthorized, now.AddMinutes(-1)));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static HealthCheckFailure Failure(Connection connection, HealthCheckFailureKind kind, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), ConnectionId = connection.Id, EmployerId = connection.EmployerId, OccurredAt = at, Kind = kind, Message = kind.ToString(),
    };

    private async Task<HealthCheckReportResult> LoadAsAsync(Role role, params Employer[] grants)
    {
        await using var scope = await _app.SignedInScopeAsync(role, grants);
        return await scope.ServiceProvider.GetRequiredService<HealthCheckReport>().LoadAsync();
    }

    [Fact]
    public async Task An_account_manager_sees_only_their_books_failures()
    {
        var overview = Assert.IsType<HealthCheckReportResult.Ready>(await LoadAsAsync(Role.AccountManager, _alpha)).Overview;

        var tally = Assert.Single(overview.FailuresByKind);
        Assert.Equal(new HealthFailureTally(HealthCheckFailureKind.FinchError, LastDay: 1, LastWeek: 2), tally);
        var failing = Assert.Single(overview.RepeatedFailures);
        Assert.Equal(_alphaFailing.Id, failing.Id);
        Assert.Equal((2, HealthCheckFailureKind.FinchError, "500 server_error: Internal server error"),
            (failing.FailuresInARow, failing.LastFailureKind, failing.LastFailureMessage));
        Assert.Equal(1, overview.RepeatedFailureCount);
        Assert.Equal(2, overview.LiveConnections);
    }

    [Fact]
    public async Task Support_sees_every_employer_newest_failure_first()
    {
        var overview = Assert.IsType<HealthCheckReportResult.Ready>(await LoadAsAsync(Role.Support)).Overview;

        Assert.Equal([_bravoFailing.Id, _alphaFailing.Id], overview.RepeatedFailures.Select(c => c.Id));
        Assert.Equal(
            [new HealthFailureTally(HealthCheckFailureKind.FinchError, 1, 2), new HealthFailureTally(HealthCheckFailureKind.Unauthorized, 1, 1)],
            overview.FailuresByKind);
        Assert.Equal(3, overview.LiveConnections);
        Assert.NotNull(overview.LastCheckedAt);
        Assert.False(overview.Schedule.Enabled);
    }

    [Fact]
    public async Task An_employer_admin_is_refused_even_for_their_own_employer()
    {
        Assert.IsType<HealthCheckReportResult.Denied>(await LoadAsAsync(Role.EmployerAdmin, _alpha));
    }

    [Fact]
    public async Task A_connections_health_is_shown_in_scope_and_with_the_permission_only()
    {
        await using (var scope = await _app.SignedInScopeAsync(Role.AccountManager, _alpha))
        {
            var report = scope.ServiceProvider.GetRequiredService<HealthCheckReport>();

            var health = await report.ForConnectionAsync(_alphaFailing.Id);

            Assert.NotNull(health);
            Assert.Equal((2, HealthCheckFailureKind.FinchError), (health.FailuresInARow, health.LastFailureKind));
            Assert.Equal(3, health.RecentFailures.Count);
            Assert.True(health.RecentFailures[0].OccurredAt > health.RecentFailures[1].OccurredAt, "newest first");
            Assert.Null(await report.ForConnectionAsync(_bravoFailing.Id));
        }

        await using (var scope = await _app.SignedInScopeAsync(Role.EmployerAdmin, _alpha))
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<HealthCheckReport>().ForConnectionAsync(_alphaFailing.Id));
        }
    }
}
