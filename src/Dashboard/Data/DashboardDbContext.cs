using FinchDashboard.Dashboard.Tokens;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Audit;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Identity and the dashboard's own data in one PostgreSQL database. Every employer-owned set carries a query
/// filter on <see cref="EmployerScope"/>, which is <see cref="EmployerScope.Nobody"/> until
/// <see cref="EmployerData"/> or <see cref="SystemData"/> sets it: a context nobody scoped sees no employer data.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<DashboardUser>(options)
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

    public DbSet<HealthCheckFailure> HealthCheckFailures => Set<HealthCheckFailure>();

    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<DashboardUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(DashboardUser.DisplayNameMaxLength);
        });

        builder.Entity<Employer>(employer =>
        {
            employer.HasKey(e => e.Id);
            employer.Property(e => e.CustomerId).HasMaxLength(Employer.CustomerIdMaxLength);
            employer.Property(e => e.Name).HasMaxLength(Employer.NameMaxLength);
            employer.Property(e => e.Email).HasMaxLength(Employer.EmailMaxLength);
            employer.HasIndex(e => e.CustomerId).IsUnique();
            employer.HasIndex(e => e.Name);
            employer.HasQueryFilter(e => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(e.Id));
        });

        builder.Entity<EmployerGrant>(grant =>
        {
            grant.HasKey(g => new { g.UserId, g.EmployerId });
            grant.HasIndex(g => g.EmployerId);
            grant.HasOne<DashboardUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne<Employer>().WithMany().HasForeignKey(g => g.EmployerId).OnDelete(DeleteBehavior.Cascade);
            grant.HasQueryFilter(g => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(g.EmployerId));
        });

        builder.HasPostgresExtension("pg_trgm");

        builder.Entity<Connection>(connection =>
        {
            connection.HasKey(c => c.Id);
            connection.HasOne<Employer>().WithMany().HasForeignKey(c => c.EmployerId).OnDelete(DeleteBehavior.Restrict);
            connection.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            connection.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
            connection.Property(c => c.ConnectionType).HasConversion<string>().HasMaxLength(32);
            connection.Property(c => c.SessionProgress).HasConversion<string>().HasMaxLength(16);
            connection.Property(c => c.FinchConnectionId).HasMaxLength(128);
            connection.Property(c => c.CompanyId).HasMaxLength(128);
            connection.Property(c => c.CompanyName).HasMaxLength(300);
            connection.Property(c => c.CustomerId).HasMaxLength(Employer.CustomerIdMaxLength);
            connection.Property(c => c.CustomerName).HasMaxLength(Employer.NameMaxLength);
            connection.Property(c => c.ProviderId).HasMaxLength(64);
            connection.Property(c => c.ProviderName).HasMaxLength(128);
            connection.Property(c => c.SessionId).HasMaxLength(128);
            connection.Property(c => c.DisconnectedBy).HasMaxLength(200);
            connection.Property(c => c.DisconnectReason).HasMaxLength(1000);
            connection.Property(c => c.LastHealthFailureKind).HasConversion<string>().HasMaxLength(32);
            connection.Property(c => c.LastHealthFailureMessage).HasMaxLength(1000);
            connection.Property(c => c.ContactedBy).HasMaxLength(200);
            connection.Property(c => c.SearchText)
                .HasComputedColumnSql(
                    "lower(coalesce(company_name, '') || ' ' || coalesce(customer_name, '') || ' ' || coalesce(customer_id, '') || ' ' || " +
                    "coalesce(finch_connection_id, '') || ' ' || coalesce(company_id, '') || ' ' || coalesce(provider_name, ''))",
                    stored: true);
            connection.Ignore(c => c.IsMultiEntity);
            connection.HasIndex(c => c.FinchConnectionId).IsUnique().HasFilter("finch_connection_id IS NOT NULL");
            connection.HasIndex(c => c.SessionId).IsUnique().HasFilter("session_id IS NOT NULL");
            connection.HasIndex(c => new { c.EmployerId, c.State });
            // One index per sortable column within a tab, so a page of any sort is an index scan.
            connection.HasIndex(c => new { c.State, c.LastSyncedAt });
            connection.HasIndex(c => new { c.State, c.ConnectedAt });
            connection.HasIndex(c => new { c.State, c.CreatedAt });
            connection.HasIndex(c => new { c.State, c.CompanyName });
            connection.HasIndex(c => new { c.State, c.CustomerName });
            connection.HasIndex(c => new { c.State, c.Status, c.StatusChangedAt });
            connection.HasIndex(c => new { c.State, c.ProviderId });
            connection.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
            connection.HasQueryFilter(c => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(c.EmployerId));
        });

        builder.Entity<ConnectionEntity>(entity =>
        {
            entity.HasKey(e => e.Id);
            entity.HasOne<Connection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            entity.Property(e => e.FinchEntityId).HasMaxLength(128);
            entity.Property(e => e.Name).HasMaxLength(300);
            entity.Property(e => e.SourceId).HasMaxLength(128);
            entity.Property(e => e.Status).HasMaxLength(32);
            entity.Property(e => e.DisconnectedBy).HasMaxLength(200);
            entity.Ignore(e => e.IsActive);
            entity.HasIndex(e => new { e.ConnectionId, e.FinchEntityId }).IsUnique();
            entity.HasQueryFilter(e => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(e.EmployerId));
        });

        builder.Entity<ConnectionAuthenticationMethod>(method =>
        {
            method.HasKey(m => m.Id);
            method.HasOne<Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            method.Property(m => m.Type).HasConversion<string>().HasMaxLength(16);
            method.Property(m => m.Status).HasConversion<string>().HasMaxLength(32);
            method.HasIndex(m => m.ConnectionId);
            method.HasQueryFilter(m => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(m.EmployerId));
        });

        builder.Entity<ConnectionEvent>(connectionEvent =>
        {
            connectionEvent.HasKey(e => e.Id);
            connectionEvent.HasOne<Connection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            connectionEvent.Property(e => e.Summary).HasMaxLength(1000);
            connectionEvent.Property(e => e.Actor).HasMaxLength(200);
            connectionEvent.HasIndex(e => new { e.ConnectionId, e.OccurredAt });
            connectionEvent.HasQueryFilter(e => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(e.EmployerId));
        });

        builder.Entity<StoredAccessToken>(token =>
        {
            token.ToTable("access_tokens");
            token.HasKey(t => t.ConnectionId);
            token.HasOne<Connection>().WithOne().HasForeignKey<StoredAccessToken>(t => t.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            token.Property(t => t.KeyId).HasMaxLength(64);
            token.HasQueryFilter(t => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(t.EmployerId));
        });

        builder.Entity<IssuedConnectSession>(session =>
        {
            session.ToTable("connect_sessions");
            session.HasKey(s => s.Id);
            session.HasOne<Connection>().WithMany().HasForeignKey(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            session.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
            session.Property(s => s.FinchSessionId).HasMaxLength(128);
            session.Property(s => s.ConnectUrl).HasMaxLength(2000);
            session.Property(s => s.RedirectUri).HasMaxLength(2000);
            session.Property(s => s.CreatedBy).HasMaxLength(200);
            session.HasIndex(s => s.StateHash).IsUnique();
            session.HasIndex(s => s.ConnectionId);
            session.HasQueryFilter(s => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(s.EmployerId));
        });

        builder.Entity<ConnectionNote>(note =>
        {
            note.HasKey(n => n.Id);
            note.HasOne<Connection>().WithMany().HasForeignKey(n => n.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            note.Property(n => n.Author).HasMaxLength(200);
            note.Property(n => n.Text).HasMaxLength(ConnectionNote.TextMaxLength);
            note.HasIndex(n => new { n.ConnectionId, n.CreatedAt });
            note.HasQueryFilter(n => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(n.EmployerId));
        });

        builder.Entity<HealthCheckFailure>(failure =>
        {
            failure.HasKey(f => f.Id);
            failure.HasOne<Connection>().WithMany().HasForeignKey(f => f.ConnectionId).OnDelete(DeleteBehavior.Cascade);
            failure.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
            failure.Property(f => f.Message).HasMaxLength(1000);
            failure.Property(f => f.FinchRequestId).HasMaxLength(128);
            failure.HasIndex(f => f.OccurredAt);
            failure.HasIndex(f => new { f.ConnectionId, f.OccurredAt });
            failure.HasQueryFilter(f => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(f.EmployerId));
        });

        // Append-only: the migration adds a trigger that refuses UPDATE and DELETE on this table.
        builder.Entity<AuditRecord>(record =>
        {
            record.ToTable("audit_log");
            record.HasKey(r => r.Id);
            record.Property(r => r.ActorUserId).HasMaxLength(450);
            record.Property(r => r.ActorName).HasMaxLength(200);
            record.Property(r => r.Action).HasConversion<string>().HasMaxLength(48);
            record.Property(r => r.TargetType).HasMaxLength(48);
            record.Property(r => r.TargetId).HasMaxLength(200);
            record.Property(r => r.Reason).HasMaxLength(AuditRecord.ReasonMaxLength);
            record.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
            record.Property(r => r.Detail).HasMaxLength(AuditRecord.DetailMaxLength);
            record.Property(r => r.FinchRequestId).HasMaxLength(128);
            record.HasIndex(r => r.OccurredAt);
            record.HasIndex(r => new { r.EmployerId, r.OccurredAt });
            record.HasIndex(r => new { r.Action, r.OccurredAt });
            record.HasQueryFilter(r => EmployerScope.IncludesAllEmployers
                || (r.EmployerId != null && EmployerScope.EmployerIds.Contains(r.EmployerId.Value)));
        });

        builder.Entity<WebhookEvent>(webhook =>
        {
            webhook.HasKey(w => w.EventId);
            webhook.Property(w => w.EventId).HasMaxLength(256);
            webhook.Property(w => w.EventType).HasMaxLength(128);
            webhook.Property(w => w.FinchConnectionId).HasMaxLength(128);
            webhook.Property(w => w.FinchEntityId).HasMaxLength(128);
            webhook.Property(w => w.AccountId).HasMaxLength(128);
            webhook.Property(w => w.CompanyId).HasMaxLength(128);
            webhook.Property(w => w.State).HasConversion<string>().HasMaxLength(16);
            webhook.Property(w => w.Outcome).HasMaxLength(WebhookEvent.OutcomeMaxLength);
            // The processor's queue: only pending rows, oldest first.
            webhook.HasIndex(w => w.ReceivedAt).HasFilter("state = 'Pending'").HasDatabaseName("ix_webhook_events_pending");
            webhook.HasIndex(w => new { w.State, w.ReceivedAt });
            webhook.HasIndex(w => w.FinchConnectionId);
            webhook.HasQueryFilter(w => EmployerScope.IncludesAllEmployers
                || (w.EmployerId != null && EmployerScope.EmployerIds.Contains(w.EmployerId.Value)));
        });

        SnakeCaseNames.Apply(builder);
    }
}
