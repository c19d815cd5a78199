using System.Linq.Expressions;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Domain.Jobs;
using FinchDashboard.Domain.Operations;
using FinchDashboard.Domain.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Identity and the dashboard's own data in one PostgreSQL database. Every employer-owned set carries a query
/// filter on <see cref="EmployerScope"/>, which is <see cref="EmployerScope.Nobody"/> until
/// <see cref="EmployerData"/> or <see cref="SystemData"/> sets it: a context nobody scoped sees no employer data.
/// The sign-in sessions and the Data Protection key ring live here too, so every instance shares them.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<DashboardUser>(options), IDataProtectionKeyContext
{
    internal EmployerScope EmployerScope { get; set; } = EmployerScope.Nobody;

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<EmployerGrant> EmployerGrants => Set<EmployerGrant>();

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<ConnectionEntity> ConnectionEntities => Set<ConnectionEntity>();

    public DbSet<ConnectionAuthenticationMethod> ConnectionAuthenticationMethods => Set<ConnectionAuthenticationMethod>();

    public DbSet<ConnectionEvent> ConnectionEvents => Set<ConnectionEvent>();

    public DbSet<StoredAccessToken> AccessTokens => Set<StoredAccessToken>();

    public DbSet<IssuedConnectSession> ConnectSessions => Set<IssuedConnectSession>();

    public DbSet<ConnectionNote> ConnectionNotes => Set<ConnectionNote>();

    public DbSet<AutomatedJob> AutomatedJobs => Set<AutomatedJob>();

    public DbSet<HealthCheckFailure> HealthCheckFailures => Set<HealthCheckFailure>();

    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();

    public DbSet<BankAccountLink> BankAccountLinks => Set<BankAccountLink>();

    public DbSet<StripeWebhookEvent> StripeWebhookEvents => Set<StripeWebhookEvent>();

    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<DashboardInstance> DashboardInstances => Set<DashboardInstance>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);

        VisibleInScope<Employer>(builder, e => e.Id);
        VisibleInScope<EmployerGrant>(builder, g => g.EmployerId);
        VisibleInScope<Connection>(builder, c => c.EmployerId);
        VisibleInScope<ConnectionEntity>(builder, e => e.EmployerId);
        VisibleInScope<ConnectionAuthenticationMethod>(builder, m => m.EmployerId);
        VisibleInScope<ConnectionEvent>(builder, e => e.EmployerId);
        VisibleInScope<StoredAccessToken>(builder, t => t.EmployerId);
        VisibleInScope<IssuedConnectSession>(builder, s => s.EmployerId);
        VisibleInScope<ConnectionNote>(builder, n => n.EmployerId);
        VisibleInScope<AutomatedJob>(builder, j => j.EmployerId);
        VisibleInScope<HealthCheckFailure>(builder, f => f.EmployerId);
        VisibleInScope<BankAccount>(builder, a => a.EmployerId);
        VisibleInScope<BankAccountLink>(builder, l => l.EmployerId);
        // Records and events not tied to an employer (sign-ins, unmatched webhooks) are for callers who see everyone.
        VisibleInScope<AuditRecord>(builder, r => r.EmployerId);
        VisibleInScope<WebhookEvent>(builder, w => w.EmployerId);
        VisibleInScope<StripeWebhookEvent>(builder, w => w.EmployerId);

        SnakeCaseNames.Apply(builder);
    }

    /// <summary>
    /// The employer query filter, written once. It must read <see cref="EmployerScope"/> through this instance: EF Core
    /// swaps the model-building context for the querying one only in that form, so each context filters by its own caller.
    /// </summary>
    private void VisibleInScope<TEntity>(ModelBuilder builder, Expression<Func<TEntity, Guid>> employerId)
        where TEntity : class
    {
        Expression<Func<Guid, bool>> inScope = id => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(id);
        builder.Entity<TEntity>().HasQueryFilter(Compose(employerId, inScope));
    }

    private void VisibleInScope<TEntity>(ModelBuilder builder, Expression<Func<TEntity, Guid?>> employerId)
        where TEntity : class
    {
        Expression<Func<Guid?, bool>> inScope = id => EmployerScope.IncludesAllEmployers || (id != null && EmployerScope.EmployerIds.Contains(id.Value));
        builder.Entity<TEntity>().HasQueryFilter(Compose(employerId, inScope));
    }

    private static Expression<Func<TEntity, bool>> Compose<TEntity, TKey>(Expression<Func<TEntity, TKey>> key, Expression<Func<TKey, bool>> predicate) =>
        Expression.Lambda<Func<TEntity, bool>>(
            new ParameterReplacer(predicate.Parameters[0], key.Body).Visit(predicate.Body), key.Parameters);

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
