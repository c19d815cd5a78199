using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Triage;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.Triage;

/// <summary>Support's triage queue and internal notes on PostgreSQL: what is in the queue, its order, filters and who may use it.</summary>
public sealed class TriageTests(DashboardFactory app) : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private Employer _a = default!;
    private Employer _b = default!;
    private Connection _oldReauthA = default!;
    private Connection _newPermissionsA = default!;
    private Connection _failingChecksA = default!;
    private Connection _reauthB = default!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await app.AddTwoEmployersAsync();
        _oldReauthA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Freight")
            .Provider("gusto", "Gusto")
            .Status(ConnectionStatus.Reauth, since: Now.AddDays(-9), message: "The employer changed their password"));
        _newPermissionsA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Clinics")
            .Provider("adp_run", "ADP RUN")
            .Status(ConnectionStatus.ErrorPermissions, since: Now.AddHours(-3)));
        _failingChecksA = await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Labs")
            .Provider("gusto", "Gusto")
            .Status(ConnectionStatus.Connected, since: Now.AddDays(-60))
            .FailingHealthChecks(ActionNeeded.RepeatedHealthCheckFailures, HealthCheckFailureKind.FinchError, "Finch answered 500"));
        await app.AddConnectionAsync(_a, ConnectionState.Live, c => c.Company("Alpha Healthy"));
        await app.AddConnectionAsync(_a, ConnectionState.Live, c => c
            .Company("Alpha Blip")
            .FailingHealthChecks(ActionNeeded.RepeatedHealthCheckFailures - 1, HealthCheckFailureKind.FinchError));
        _reauthB = await app.AddConnectionAsync(_b, ConnectionState.Live, c => c
            .Company("Bravo Only")
            .Status(ConnectionStatus.Reauth, since: Now.AddDays(-20)));

        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        // The failing streak began two days ago: that, not the status change 60 days ago, is how long it has waited.
        db.HealthCheckFailures.AddRange(
            Failure(_failingChecksA, Now.AddDays(-2)), Failure(_failingChecksA, Now.AddDays(-1)), Failure(_failingChecksA, Now.AddHours(-1)));
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_queue_holds_every_connection_needing_action_oldest_first_within_scope()
    {
        var manager = await app.AddUserAsync(Role.AccountManager, _a);
        await using var scope = await app.SignedInScopeAsync(manager);
        var queue = scope.ServiceProvider.GetRequiredService<TriageQueue>();

        var page = await queue.ListAsync(new TriageQuery(null, null, new PageRequest(0, 50)));

        Assert.Equal([_oldReauthA.Id, _failingChecksA.Id, _newPermissionsA.Id], page.Items.Select(i => i.ConnectionId));
        Assert.Equal(3, page.TotalCount);
        var failing = page.Items[1];
        Assert.Equal(ActionNeededKind.FailingHealthChecks, failing.Kind);
        Assert.Equal("Finch answered 500", failing.LastError);
        Assert.InRange(failing.Since, Now.AddDays(-2).AddMinutes(-1), Now.AddDays(-2).AddMinutes(1));
        Assert.Equal("The employer changed their password", page.Items[0].LastError);
        Assert.Equal(_a.Name, page.Items[0].EmployerName);
    }

    [Fact]
    public async Task Support_sees_every_employer_and_filters_by_provider_and_kind()
    {
        var support = await app.AddUserAsync(Role.Support);
        await using var scope = await app.SignedInScopeAsync(support);
        var queue = scope.ServiceProvider.GetRequiredService<TriageQueue>();

        var mine = new[] { _oldReauthA.Id, _newPermissionsA.Id, _failingChecksA.Id, _reauthB.Id };
        var all = await queue.ListAsync(new TriageQuery(null, null, new PageRequest(0, 200)));
        Assert.Equal([_reauthB.Id, _oldReauthA.Id, _failingChecksA.Id, _newPermissionsA.Id], all.Items.Select(i => i.ConnectionId).Where(mine.Contains));

        var gusto = await queue.ListAsync(new TriageQuery("gusto", null, new PageRequest(0, 200)));
        Assert.All(gusto.Items, i => Assert.Equal("gusto", i.ProviderId));
        Assert.Contains(gusto.Items, i => i.ConnectionId == _failingChecksA.Id);
        Assert.DoesNotContain(gusto.Items, i => i.ConnectionId == _newPermissionsA.Id);

        var reauth = await queue.ListAsync(new TriageQuery(null, ActionNeededKind.Reauth, new PageRequest(0, 200)));
        Assert.All(reauth.Items, i => Assert.Equal(ActionNeededKind.Reauth, i.Kind));
        Assert.Contains(reauth.Items, i => i.ConnectionId == _reauthB.Id);
    }

    [Fact]
    public async Task Employer_admins_have_no_triage_queue_and_no_internal_notes()
    {
        var employerAdmin = await app.AddUserAsync(Role.EmployerAdmin, _a);
        await using var scope = await app.SignedInScopeAsync(employerAdmin);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<TriageQueue>().ListAsync(new TriageQuery(null, null, new PageRequest(0, 50))));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            scope.ServiceProvider.GetRequiredService<SupportNotes>().FindAsync(_oldReauthA.Id));
    }

    [Fact]
    public async Task Support_notes_a_connection_and_records_the_contact_with_a_follow_up()
    {
        var support = await app.AddUserAsync(Role.Support);
        await using var scope = await app.SignedInScopeAsync(support);
        var notes = scope.ServiceProvider.GetRequiredService<SupportNotes>();
        var followUp = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(3);

        Assert.IsType<SupportNoteResult.Saved>(await notes.AddNoteAsync(_oldReauthA.Id, "  Called Dana, she will reconnect on Monday.  "));
        Assert.IsType<SupportNoteResult.Saved>(await notes.RecordContactAsync(_oldReauthA.Id, followUp));
        Assert.IsType<SupportNoteResult.Invalid>(await notes.AddNoteAsync(_oldReauthA.Id, "   "));
        Assert.IsType<SupportNoteResult.Invalid>(await notes.RecordContactAsync(_oldReauthA.Id, followUp.AddDays(-10)));

        var view = await notes.FindAsync(_oldReauthA.Id);
        Assert.NotNull(view);
        Assert.Equal("Called Dana, she will reconnect on Monday.", Assert.Single(view.Notes).Text);
        Assert.Equal(followUp, view.Contact.FollowUpOn);
        Assert.Equal("Test Support", view.Contact.ContactedBy);

        var item = (await scope.ServiceProvider.GetRequiredService<TriageQueue>().ListAsync(new TriageQuery(null, ActionNeededKind.Reauth, new PageRequest(0, 200))))
            .Items.Single(i => i.ConnectionId == _oldReauthA.Id);
        Assert.Equal(1, item.NoteCount);
        Assert.Equal(followUp, item.FollowUpOn);

        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        var actions = await db.AuditLog.Where(r => r.TargetId == _oldReauthA.Id.ToString()).Select(r => r.Action).ToListAsync();
        Assert.Contains(AuditAction.SupportNoteAdded, actions);
        Assert.Contains(AuditAction.ContactRecorded, actions);
        // Internal notes never reach the timeline employers read.
        Assert.DoesNotContain(await db.ConnectionEvents.Where(e => e.ConnectionId == _oldReauthA.Id).Select(e => e.Summary).ToListAsync(),
            summary => summary.Contains("Dana"));
    }

    [Fact]
    public async Task Notes_on_another_employers_connection_are_not_found_and_the_attempt_is_audited()
    {
        var manager = await app.AddUserAsync(Role.AccountManager, _a);
        await using var scope = await app.SignedInScopeAsync(manager);
        var notes = scope.ServiceProvider.GetRequiredService<SupportNotes>();

        Assert.Null(await notes.FindAsync(_reauthB.Id));
        Assert.IsType<SupportNoteResult.Invalid>(await notes.AddNoteAsync(_reauthB.Id, "peeking"));

        await using var db = await scope.ServiceProvider.GetRequiredService<SystemData>().OpenAsync();
        Assert.Empty(await db.ConnectionNotes.Where(n => n.ConnectionId == _reauthB.Id).ToListAsync());
        var attempts = await db.AuditLog.Where(r => r.ActorUserId == manager.Id && r.Action == AuditAction.OutOfScopeAccess).ToListAsync();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, r => Assert.Equal((_b.Id, AuditOutcome.Denied, _reauthB.Id.ToString()), (r.EmployerId!.Value, r.Outcome, r.TargetId)));
    }

    private static HealthCheckFailure Failure(Connection connection, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        ConnectionId = connection.Id,
        EmployerId = connection.EmployerId,
        OccurredAt = at,
        Kind = HealthCheckFailureKind.FinchError,
        Message = "Finch answered 500",
    };
}
