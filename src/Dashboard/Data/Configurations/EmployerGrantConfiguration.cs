using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class EmployerGrantConfiguration : IEntityTypeConfiguration<EmployerGrant>
{
    public void Configure(EntityTypeBuilder<EmployerGrant> grant)
    {
        grant.HasKey(g => new { g.UserId, g.EmployerId });
        grant.HasIndex(g => g.EmployerId);
        grant.HasOne<DashboardUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne<Employer>().WithMany().HasForeignKey(g => g.EmployerId).OnDelete(DeleteBehavior.Cascade);
    }
}
