using FinchDashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

// Append-only: the migration adds a trigger that refuses UPDATE and DELETE on this table.
internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> record)
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
        record.Property(r => r.StripeRequestId).HasMaxLength(128);
        record.HasIndex(r => r.OccurredAt);
        record.HasIndex(r => new { r.EmployerId, r.OccurredAt });
        record.HasIndex(r => new { r.Action, r.OccurredAt });
    }
}
