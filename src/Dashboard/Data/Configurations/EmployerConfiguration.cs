using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> employer)
    {
        employer.HasKey(e => e.Id);
        employer.Property(e => e.CustomerId).HasMaxLength(Employer.CustomerIdMaxLength);
        employer.Property(e => e.Name).HasMaxLength(Employer.NameMaxLength);
        employer.Property(e => e.Email).HasMaxLength(Employer.EmailMaxLength);
        employer.Property(e => e.StripeCustomerId).HasMaxLength(128);
        employer.HasIndex(e => e.CustomerId).IsUnique();
        employer.HasIndex(e => e.StripeCustomerId).IsUnique().HasFilter("stripe_customer_id IS NOT NULL");
        employer.HasIndex(e => e.Name);
    }
}
