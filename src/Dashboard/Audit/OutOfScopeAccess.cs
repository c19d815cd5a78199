using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Audit;

/// <summary>
/// Records a caller's attempt to reach another employer's data by id. They still get "not found", exactly as for an
/// id that does not exist; only an id that exists under an employer outside their scope is worth auditing.
/// </summary>
public sealed class OutOfScopeAccess(SystemData systemData, AuditTrail audit, ILogger<OutOfScopeAccess> logger)
{
    public Task ReportConnectionAsync(Caller caller, Guid connectionId, CancellationToken cancellationToken = default) =>
        ReportAsync(caller, "connection", connectionId,
            db => db.Connections.Where(c => c.Id == connectionId).Select(c => c.EmployerId), cancellationToken);

    public Task ReportEntityAsync(Caller caller, Guid entityId, CancellationToken cancellationToken = default) =>
        ReportAsync(caller, "entity", entityId,
            db => db.ConnectionEntities.Where(e => e.Id == entityId).Select(e => e.EmployerId), cancellationToken);

    public Task ReportBankAccountAsync(Caller caller, Guid bankAccountId, CancellationToken cancellationToken = default) =>
        ReportAsync(caller, "bank_account", bankAccountId,
            db => db.BankAccounts.Where(a => a.Id == bankAccountId).Select(a => a.EmployerId), cancellationToken);

    public Task ReportBankAccountLinkAsync(Caller caller, Guid linkId, CancellationToken cancellationToken = default) =>
        ReportAsync(caller, "bank_account_link", linkId,
            db => db.BankAccountLinks.Where(l => l.Id == linkId).Select(l => l.EmployerId), cancellationToken);

    public Task ReportEmployerAsync(Caller caller, Guid employerId, CancellationToken cancellationToken = default) =>
        ReportAsync(caller, "employer", employerId,
            db => db.Employers.Where(e => e.Id == employerId).Select(e => e.Id), cancellationToken);

    private async Task ReportAsync(
        Caller caller, string targetType, Guid targetId, Func<DashboardDbContext, IQueryable<Guid>> owningEmployer, CancellationToken cancellationToken)
    {
        await using var db = await systemData.OpenAsync(cancellationToken);
        var employerId = await owningEmployer(db).Cast<Guid?>().SingleOrDefaultAsync(cancellationToken);
        if (employerId is not { } owner || caller.Scope.Includes(owner))
        {
            return;
        }

        logger.LogWarning("User {UserId} asked for {TargetType} {TargetId} of an employer outside their scope", caller.UserId, targetType, targetId);
        await audit.WriteAsync(AuditActor.Of(caller), new AuditEntry(AuditAction.OutOfScopeAccess, AuditOutcome.Denied, targetType, targetId.ToString(), owner)
        {
            Detail = $"Asked for a {targetType} of an employer outside their scope; answered \"not found\".",
        }, cancellationToken);
    }
}
