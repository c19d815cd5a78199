using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class ConnectionEventConfiguration : IEntityTypeConfiguration<ConnectionEvent>
{
    public void Configure(EntityTypeBuilder<ConnectionEvent> connectionEvent)
    {
        connectionEvent.HasKey(e => e.Id);
        connectionEvent.HasOne<Connection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        connectionEvent.Property(e => e.Summary).HasMaxLength(1000);
        connectionEvent.Property(e => e.Actor).HasMaxLength(200);
        connectionEvent.HasIndex(e => new { e.ConnectionId, e.OccurredAt });
    }
}
