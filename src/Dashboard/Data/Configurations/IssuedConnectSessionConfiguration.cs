using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class IssuedConnectSessionConfiguration : IEntityTypeConfiguration<IssuedConnectSession>
{
    public void Configure(EntityTypeBuilder<IssuedConnectSession> session)
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
    }
}
