using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;

namespace FinchDashboard.Dashboard.Audit;

/// <summary>Who acted, for the audit log: a signed-in user, or a part of the system acting on Finch's word.</summary>
public sealed record AuditActor(string? UserId, string Name)
{
    public static AuditActor Of(Caller caller) => new(caller.UserId, caller.DisplayName);

    public static AuditActor System(string component) => new(null, component);
}

/// <summary>What is being recorded; <see cref="AuditTrail"/> adds the actor and the time.</summary>
public sealed record AuditEntry(AuditAction Action, AuditOutcome Outcome, string TargetType, string? TargetId, Guid? EmployerId)
{
    public string? Reason { get; init; }

    public string? Detail { get; init; }

    public string? FinchRequestId { get; init; }

    public string? StripeRequestId { get; init; }
}

/// <summary>
/// Writes the append-only audit log. <see cref="Stage"/> adds the record to the context that saves the change it
/// describes, so both commit or neither does; <see cref="WriteAsync"/> stands alone, for failures and refusals that
/// change nothing else.
/// </summary>
public sealed class AuditTrail(SystemData systemData, TimeProvider clock)
{
    public void Stage(DashboardDbContext db, AuditActor actor, AuditEntry entry) => db.AuditLog.Add(Record(actor, entry));

    public async Task WriteAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await systemData.OpenAsync(cancellationToken);
        db.AuditLog.Add(Record(actor, entry));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A refusal: <paramref name="caller"/>'s roles do not grant <paramref name="permission"/>, so nothing changed.</summary>
    public Task DeniedAsync(
        Caller caller, Permission permission, AuditAction action, string targetType, string? targetId, Guid? employerId,
        CancellationToken cancellationToken = default) =>
        WriteAsync(AuditActor.Of(caller), new AuditEntry(action, AuditOutcome.Denied, targetType, targetId, employerId)
        {
            Detail = $"Refused: the caller's roles do not grant {permission}.",
        }, cancellationToken);

    /// <summary>
    /// Long texts (the names of fifty entities, a provider's error message) are shortened rather than refused: the
    /// record is saved with the change it describes, which has usually already happened at Finch.
    /// </summary>
    private AuditRecord Record(AuditActor actor, AuditEntry entry)
    {
        var now = clock.GetUtcNow();
        return new AuditRecord
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = entry.Action,
            EmployerId = entry.EmployerId,
            TargetType = entry.TargetType,
            TargetId = entry.TargetId,
            Reason = entry.Reason is null ? null : TextLimits.Shorten(entry.Reason, AuditRecord.ReasonMaxLength),
            Outcome = entry.Outcome,
            Detail = entry.Detail is null ? null : TextLimits.Shorten(entry.Detail, AuditRecord.DetailMaxLength),
            FinchRequestId = entry.FinchRequestId,
            StripeRequestId = entry.StripeRequestId,
        };
    }
}
