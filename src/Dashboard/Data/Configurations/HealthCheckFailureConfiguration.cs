using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class HealthCheckFailureConfiguration : IEntityTypeConfiguration<HealthCheckFailure>
{
    public void Configure(EntityTypeBuilder<HealthCheckFailure> failure)
    {
        failure.HasKey(f => f.Id);
        failure.HasOne<Connection>().WithMany().HasForeignKey(f => f.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        failure.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
        failure.Property(f => f.Message).HasMaxLength(1000);
        failure.Property(f => f.FinchRequestId).HasMaxLength(128);
        failure.HasIndex(f => f.OccurredAt);
        failure.HasIndex(f => new { f.ConnectionId, f.OccurredAt });
    }
}
