using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Audit;

public sealed class AuditLogReaderTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Filters_narrow_the_log_in_the_database_newest_first_with_paging()
    {
        var employer = await app.AddEmployerAsync("Audited Co");
        var other = await app.AddEmployerAsync("Other Co");
        var actor = $"Actor {Guid.NewGuid():N}";
        var older = await AddRecordAsync(actor, AuditAction.ConnectionDisconnected, AuditOutcome.Succeeded, employer.Id, Noon.AddDays(-2));
        var denied = await AddRecordAsync(actor, AuditAction.ConnectionDisconnected, AuditOutcome.Denied, employer.Id, Noon.AddDays(-1));
        var newest = await AddRecordAsync(actor, AuditAction.SupportNoteAdded, AuditOutcome.Succeeded, employer.Id, Noon);
        var elsewhere = await AddRecordAsync(actor, AuditAction.SupportNoteAdded, AuditOutcome.Succeeded, other.Id, Noon);
        await AddRecordAsync("Someone else", AuditAction.SupportNoteAdded, AuditOutcome.Succeeded, employer.Id, Noon);
        var admin = await app.AddUserAsync(Role.Admin);

        var byEmployerAndActor = await ListAsync(admin, Query() with { EmployerId = employer.Id, Actor = actor[6..20] });
        var byAction = await ListAsync(admin, Query() with { Actor = actor, Action = AuditAction.ConnectionDisconnected });
        var byOutcome = await ListAsync(admin, Query() with { Actor = actor, Outcome = AuditOutcome.Denied });
        var byDates = await ListAsync(admin, Query() with { Actor = actor, OccurredAt = new TimeRange(Noon.AddDays(-2), Noon.AddTicks(-1)) });
        var secondPage = await ListAsync(admin, Query() with { Actor = actor, Page = new PageRequest(1, 2) });

        Assert.Equal([newest, denied, older], byEmployerAndActor.Items.Select(e => e.Id));
        Assert.All(byEmployerAndActor.Items, e => Assert.Equal("Audited Co", e.EmployerName));
        Assert.Equal([denied, older], byAction.Items.Select(e => e.Id));
        Assert.Equal(denied, Assert.Single(byOutcome.Items).Id);
        Assert.Equal([denied, older], byDates.Items.Select(e => e.Id));
        Assert.Equal(4, secondPage.TotalCount);
        Assert.Equal(2, secondPage.Items.Count);
        Assert.DoesNotContain(elsewhere, byEmployerAndActor.Items.Select(e => e.Id));
    }

    [Theory]
    [InlineData(Role.AccountManager)]
    [InlineData(Role.Support)]
    [InlineData(Role.EmployerAdmin)]
    public async Task Only_admins_read_the_audit_log(Role role)
    {
        var employer = await app.AddEmployerAsync("Own Co");
        await AddRecordAsync("Anyone", AuditAction.EntitiesDisconnected, AuditOutcome.Succeeded, employer.Id, Noon);
        var user = await app.AddUserAsync(role, employer);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => ListAsync(user, Query() with { EmployerId = employer.Id }));
    }

    private static AuditLogQuery Query() => new(null, null, null, null, null, new PageRequest(0, 50));

    private async Task<Page<AuditLogEntry>> ListAsync(Dashboard.Data.DashboardUser user, AuditLogQuery query)
    {
        await using var scope = await app.SignedInScopeAsync(user);
        return await scope.ServiceProvider.GetRequiredService<AuditLogReader>().ListAsync(query);
    }

    private async Task<Guid> AddRecordAsync(string actor, AuditAction action, AuditOutcome outcome, Guid employerId, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var record = new AuditRecord
        {
            Id = Guid.CreateVersion7(at),
            OccurredAt = at,
            ActorName = actor,
            Action = action,
            Outcome = outcome,
            EmployerId = employerId,
            TargetType = "connection",
            TargetId = Guid.NewGuid().ToString(),
        };
        db.AuditLog.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }
}
