using FinchDashboard.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class ConnectionNoteConfiguration : IEntityTypeConfiguration<ConnectionNote>
{
    public void Configure(EntityTypeBuilder<ConnectionNote> note)
    {
        note.HasKey(n => n.Id);
        note.HasOne<Connection>().WithMany().HasForeignKey(n => n.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        note.Property(n => n.Author).HasMaxLength(200);
        note.Property(n => n.Text).HasMaxLength(ConnectionNote.TextMaxLength);
        note.HasIndex(n => new { n.ConnectionId, n.CreatedAt });
    }
}
