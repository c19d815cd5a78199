using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class BankAccountLinkConfiguration : IEntityTypeConfiguration<BankAccountLink>
{
    public void Configure(EntityTypeBuilder<BankAccountLink> link)
    {
        link.HasKey(l => l.Id);
        link.HasOne<Employer>().WithMany().HasForeignKey(l => l.EmployerId).OnDelete(DeleteBehavior.Restrict);
        link.Property(l => l.StripeSessionId).HasMaxLength(BankAccount.StripeIdMaxLength);
        link.Property(l => l.HostedUrl).HasMaxLength(BankAccountLink.HostedUrlMaxLength);
        link.Property(l => l.CreatedBy).HasMaxLength(BankAccount.ActorMaxLength);
        link.HasIndex(l => l.StripeSessionId).IsUnique();
        link.HasIndex(l => new { l.EmployerId, l.CreatedAt });
    }
}
