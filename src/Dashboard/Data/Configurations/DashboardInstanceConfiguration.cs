using FinchDashboard.Domain.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class DashboardInstanceConfiguration : IEntityTypeConfiguration<DashboardInstance>
{
    public void Configure(EntityTypeBuilder<DashboardInstance> instance)
    {
        instance.HasKey(i => i.Name);
        instance.Property(i => i.Name).HasMaxLength(DashboardInstance.NameMaxLength);
    }
}
