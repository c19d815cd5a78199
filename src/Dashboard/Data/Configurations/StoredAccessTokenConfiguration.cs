using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class StoredAccessTokenConfiguration : IEntityTypeConfiguration<StoredAccessToken>
{
    public void Configure(EntityTypeBuilder<StoredAccessToken> token)
    {
        token.ToTable("access_tokens");
        token.HasKey(t => t.ConnectionId);
        token.HasOne<Connection>().WithOne().HasForeignKey<StoredAccessToken>(t => t.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        token.Property(t => t.KeyId).HasMaxLength(64);
    }
}
