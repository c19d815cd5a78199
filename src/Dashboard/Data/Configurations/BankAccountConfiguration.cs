using FinchDashboard.Domain.BankAccounts;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> account)
    {
        account.HasKey(a => a.Id);
        account.HasOne<Employer>().WithMany().HasForeignKey(a => a.EmployerId).OnDelete(DeleteBehavior.Restrict);
        account.Property(a => a.StripeAccountId).HasMaxLength(BankAccount.StripeIdMaxLength);
        account.Property(a => a.StripeCustomerId).HasMaxLength(BankAccount.StripeIdMaxLength);
        account.Property(a => a.InstitutionName).HasMaxLength(BankAccount.InstitutionNameMaxLength);
        account.Property(a => a.DisplayName).HasMaxLength(BankAccount.DisplayNameMaxLength);
        account.Property(a => a.Last4).HasMaxLength(4);
        account.Property(a => a.Category).HasMaxLength(BankAccount.CategoryMaxLength);
        account.Property(a => a.Subcategory).HasMaxLength(BankAccount.CategoryMaxLength);
        account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        account.Property(a => a.BalanceRefreshStatus).HasMaxLength(BankAccountRefresh.StatusMaxLength);
        account.Property(a => a.OwnershipRefreshStatus).HasMaxLength(BankAccountRefresh.StatusMaxLength);
        account.Property(a => a.TransactionRefreshStatus).HasMaxLength(BankAccountRefresh.StatusMaxLength);
        account.Property(a => a.LinkedBy).HasMaxLength(BankAccount.ActorMaxLength);
        account.Property(a => a.DisconnectedBy).HasMaxLength(BankAccount.ActorMaxLength);
        account.Property(a => a.DisconnectReason).HasMaxLength(BankAccount.ReasonMaxLength);
        account.Property<string>("SearchText")
            .HasComputedColumnSql(
                "lower(institution_name || ' ' || coalesce(display_name, '') || ' ' || coalesce(last4, '') || ' ' || stripe_account_id)",
                stored: true);
        account.HasIndex(a => a.StripeAccountId).IsUnique();
        account.HasIndex(a => new { a.EmployerId, a.Status });
        account.HasIndex(a => new { a.Status, a.LinkedAt });
        account.HasIndex("SearchText").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
