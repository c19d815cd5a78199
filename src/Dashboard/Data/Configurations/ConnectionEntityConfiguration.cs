using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class ConnectionEntityConfiguration : IEntityTypeConfiguration<ConnectionEntity>
{
    public void Configure(EntityTypeBuilder<ConnectionEntity> entity)
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
    }
}
