using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class AutomatedJobConfiguration : IEntityTypeConfiguration<AutomatedJob>
{
    public void Configure(EntityTypeBuilder<AutomatedJob> job)
    {
        job.HasKey(j => j.Id);
        job.HasOne<Connection>().WithMany().HasForeignKey(j => j.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        job.Property(j => j.FinchJobId).HasMaxLength(AutomatedJob.FinchJobIdMaxLength);
        job.Property(j => j.Type).HasMaxLength(AutomatedJob.TypeMaxLength);
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(32);
        job.Property(j => j.RequestedBy).HasMaxLength(AutomatedJob.RequestedByMaxLength);
        job.Ignore(j => j.IsFinished);
        job.Ignore(j => j.Duration);
        // One row per Finch job, whichever of the list, a webhook or "Sync now" reported it first.
        job.HasIndex(j => new { j.ConnectionId, j.FinchJobId }).IsUnique();
        job.HasIndex(j => new { j.ConnectionId, j.CreatedAt });
    }
}
