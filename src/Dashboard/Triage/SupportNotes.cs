using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Triage;

/// <summary>The contact state staff keep on a connection: the last contact and when to follow up.</summary>
public sealed record SupportContact(DateTimeOffset? ContactedAt, string? ContactedBy, DateOnly? FollowUpOn);

public sealed record SupportNotesView(SupportContact Contact, IReadOnlyList<ConnectionNote> Notes);

public abstract record SupportNoteResult
{
    public sealed record Saved : SupportNoteResult;

    public sealed record Invalid(string Problem) : SupportNoteResult;
}

/// <summary>What the notes panel needs of <see cref="SupportNotes"/>; the panel's tests answer in its place.</summary>
public interface ISupportNotes
{
    Task<SupportNotesView?> FindAsync(Guid connectionId, CancellationToken cancellationToken = default);

    Task<SupportNoteResult> AddNoteAsync(Guid connectionId, string? text, CancellationToken cancellationToken = default);

    Task<SupportNoteResult> RecordContactAsync(Guid connectionId, DateOnly? followUpOn, CancellationToken cancellationToken = default);
}

/// <summary>
/// Internal notes and contact follow-ups on a connection (<see cref="Permission.ManageSupportNotes"/>). Staff only:
/// never on the timeline, which employers see.
/// </summary>
public sealed class SupportNotes(EmployerData data, CurrentCaller currentCaller, OutOfScopeAccess outOfScope, AuditTrail audit, TimeProvider clock) : ISupportNotes
{
    /// <summary>Null when the connection is not in the caller's scope.</summary>
    public async Task<SupportNotesView?> FindAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var caller = await DemandAsync(null, connectionId, cancellationToken);
        await using var db = await data.OpenAsync(cancellationToken);
        var contact = await db.Connections.AsNoTracking().Where(c => c.Id == connectionId)
            .Select(c => new SupportContact(c.ContactedAt, c.ContactedBy, c.FollowUpOn))
            .SingleOrDefaultAsync(cancellationToken);
        if (contact is null)
        {
            await outOfScope.ReportConnectionAsync(caller, connectionId, cancellationToken);
            return null;
        }

        var notes = await db.ConnectionNotes.AsNoTracking().Where(n => n.ConnectionId == connectionId)
            .OrderByDescending(n => n.CreatedAt)
            .ToListAsync(cancellationToken);
        return new SupportNotesView(contact, notes);
    }

    public async Task<SupportNoteResult> AddNoteAsync(Guid connectionId, string? text, CancellationToken cancellationToken = default)
    {
        var caller = await DemandAsync(AuditAction.SupportNoteAdded, connectionId, cancellationToken);
        var trimmed = text?.Trim() ?? "";
        if (NoteProblem(trimmed) is { } problem)
        {
            return new SupportNoteResult.Invalid(problem);
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await FindConnectionAsync(db, caller, connectionId, cancellationToken);
        if (connection is null)
        {
            return NotFound;
        }

        var now = clock.GetUtcNow();
        db.ConnectionNotes.Add(new ConnectionNote
        {
            Id = Guid.CreateVersion7(now),
            ConnectionId = connection.Id,
            EmployerId = connection.EmployerId,
            CreatedAt = now,
            Author = caller.DisplayName,
            Text = trimmed,
        });
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.SupportNoteAdded, AuditOutcome.Succeeded, "connection", connection.Id.ToString(), connection.EmployerId));
        await db.SaveChangesAsync(cancellationToken);
        return new SupportNoteResult.Saved();
    }

    /// <summary>Why <paramref name="text"/> cannot be saved as a note, or null if it can.</summary>
    public static string? NoteProblem(string? text) =>
        text?.Trim().Length is null or 0 or > ConnectionNote.TextMaxLength
            ? $"Write a note of 1 to {ConnectionNote.TextMaxLength} characters."
            : null;

    /// <summary>Marks the employer as contacted now, with an optional follow-up date (not in the past).</summary>
    public async Task<SupportNoteResult> RecordContactAsync(Guid connectionId, DateOnly? followUpOn, CancellationToken cancellationToken = default)
    {
        var caller = await DemandAsync(AuditAction.ContactRecorded, connectionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (followUpOn is { } date && date < DateOnly.FromDateTime(now.UtcDateTime))
        {
            return new SupportNoteResult.Invalid("The follow-up date cannot be in the past.");
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var connection = await FindConnectionAsync(db, caller, connectionId, cancellationToken);
        if (connection is null)
        {
            return NotFound;
        }

        connection.RecordContact(caller.DisplayName, followUpOn, now);
        audit.Stage(db, AuditActor.Of(caller), new AuditEntry(AuditAction.ContactRecorded, AuditOutcome.Succeeded, "connection", connection.Id.ToString(), connection.EmployerId)
        {
            Detail = followUpOn is null ? "Contacted; no follow-up set" : $"Contacted; follow up on {followUpOn:yyyy-MM-dd}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new SupportNoteResult.Saved();
    }

    private static SupportNoteResult.Invalid NotFound { get; } =
        new("There is no such connection, or it belongs to an employer your account cannot see.");

    private async Task<Connection?> FindConnectionAsync(DashboardDbContext db, Caller caller, Guid connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            await outOfScope.ReportConnectionAsync(caller, connectionId, cancellationToken);
        }

        return connection;
    }

    /// <summary>The caller, if their roles grant support notes; a refused change (<paramref name="change"/>) is audited.</summary>
    private async Task<Caller> DemandAsync(AuditAction? change, Guid connectionId, CancellationToken cancellationToken)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ManageSupportNotes))
        {
            if (change is { } action)
            {
                await audit.DeniedAsync(caller, Permission.ManageSupportNotes, action, "connection", connectionId.ToString(), null, cancellationToken);
            }

            throw new UnauthorizedAccessException("Support notes are not among this user's permissions.");
        }

        return caller;
    }
}
