using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class ConnectionAuthenticationMethodConfiguration : IEntityTypeConfiguration<ConnectionAuthenticationMethod>
{
    public void Configure(EntityTypeBuilder<ConnectionAuthenticationMethod> method)
    {
        method.HasKey(m => m.Id);
        method.HasOne<Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        method.Property(m => m.Type).HasConversion<string>().HasMaxLength(16);
        method.Property(m => m.Status).HasConversion<string>().HasMaxLength(32);
        method.HasIndex(m => m.ConnectionId);
    }
}
