using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Audit;

/// <summary>Which audit records to show; every filter is optional, and both ends of <see cref="OccurredAt"/> are inclusive.</summary>
public sealed record AuditLogQuery(
    AuditAction? Action,
    AuditOutcome? Outcome,
    string? Actor,
    Guid? EmployerId,
    TimeRange? OccurredAt,
    PageRequest Page);

public sealed record AuditLogEntry(
    Guid Id,
    DateTimeOffset OccurredAt,
    string ActorName,
    bool ActedBySystem,
    AuditAction Action,
    AuditOutcome Outcome,
    string TargetType,
    string? TargetId,
    Guid? EmployerId,
    string? EmployerName,
    string? Reason,
    string? Detail,
    string? FinchRequestId);

/// <summary>The audit log, newest first, filtered and paged in the database through the caller's scope. Admins only.</summary>
public sealed class AuditLogReader(EmployerData data, CurrentCaller currentCaller, ILogger<AuditLogReader> logger)
{
    public async Task<Page<AuditLogEntry>> ListAsync(AuditLogQuery query, CancellationToken cancellationToken = default)
    {
        var caller = await currentCaller.GetAsync(cancellationToken);
        if (!caller.Can(Permission.ViewAuditLog))
        {
            logger.LogWarning("User {UserId} asked for the audit log without the permission", caller.UserId);
            throw new UnauthorizedAccessException("Reading the audit log is not among this user's permissions.");
        }

        await using var db = await data.OpenAsync(cancellationToken);
        var records = db.AuditLog.AsNoTracking();
        if (query.Action is { } action)
        {
            records = records.Where(r => r.Action == action);
        }

        if (query.Outcome is { } outcome)
        {
            records = records.Where(r => r.Outcome == outcome);
        }

        if (TextSearch.ContainsPattern(query.Actor) is { } actor)
        {
            records = records.Where(r => EF.Functions.ILike(r.ActorName, actor, TextSearch.EscapeCharacter));
        }

        if (query.EmployerId is { } employerId)
        {
            records = records.Where(r => r.EmployerId == employerId);
        }

        if (query.OccurredAt?.From is { } from)
        {
            records = records.Where(r => r.OccurredAt >= from);
        }

        if (query.OccurredAt?.To is { } to)
        {
            records = records.Where(r => r.OccurredAt <= to);
        }

        var total = await records.CountAsync(cancellationToken);
        var entries = await (
                from record in records
                join employer in db.Employers on record.EmployerId equals (Guid?)employer.Id into employers
                from employer in employers.DefaultIfEmpty()
                orderby record.OccurredAt descending, record.Id descending
                select new AuditLogEntry(
                    record.Id, record.OccurredAt, record.ActorName, record.ActorUserId == null, record.Action, record.Outcome,
                    record.TargetType, record.TargetId, record.EmployerId, employer == null ? null : employer.Name,
                    record.Reason, record.Detail, record.FinchRequestId))
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .ToListAsync(cancellationToken);
        return new Page<AuditLogEntry>(entries, total);
    }
}

public static class AuditActionNames
{
    /// <summary>The action as a phrase for people: <c>ConnectLinkCreated</c> is "Connect link created".</summary>
    public static string DisplayName(this AuditAction action)
    {
        var name = action.ToString();
        var phrase = new System.Text.StringBuilder(name.Length + 4).Append(name[0]);
        foreach (var character in name.AsSpan(1))
        {
            if (char.IsUpper(character))
            {
                phrase.Append(' ').Append(char.ToLowerInvariant(character));
            }
            else
            {
                phrase.Append(character);
            }
        }

        return phrase.ToString();
    }
}
