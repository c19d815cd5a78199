using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinchDashboard.Dashboard.Data.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> connection)
    {
        connection.HasKey(c => c.Id);
        connection.HasOne<Employer>().WithMany().HasForeignKey(c => c.EmployerId).OnDelete(DeleteBehavior.Restrict);
        connection.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        connection.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        connection.Property(c => c.ConnectionType).HasConversion<string>().HasMaxLength(32);
        connection.Property(c => c.Environment).HasConversion<string>().HasMaxLength(16);
        connection.Property(c => c.SessionProgress).HasConversion<string>().HasMaxLength(16);
        connection.Property(c => c.FinchConnectionId).HasMaxLength(128);
        connection.Property(c => c.CompanyId).HasMaxLength(128);
        connection.Property(c => c.CompanyName).HasMaxLength(300);
        connection.Property(c => c.CustomerId).HasMaxLength(Employer.CustomerIdMaxLength);
        connection.Property(c => c.CustomerName).HasMaxLength(Employer.NameMaxLength);
        connection.Property(c => c.ProviderId).HasMaxLength(Connection.ProviderIdMaxLength);
        connection.Property(c => c.ProviderName).HasMaxLength(128);
        connection.Property(c => c.SessionId).HasMaxLength(128);
        connection.Property(c => c.DisconnectedBy).HasMaxLength(200);
        connection.Property(c => c.DisconnectReason).HasMaxLength(1000);
        connection.Property(c => c.FinchConnectionType).HasMaxLength(IntrospectedAccount.ConnectionTypeMaxLength);
        connection.Property(c => c.Username).HasMaxLength(IntrospectedAccount.UsernameMaxLength);
        connection.Property(c => c.LastHealthFailureKind).HasConversion<string>().HasMaxLength(32);
        connection.Property(c => c.LastHealthFailureMessage).HasMaxLength(1000);
        connection.Property(c => c.ContactedBy).HasMaxLength(200);
        connection.Property(c => c.SearchText)
            .HasComputedColumnSql(
                "lower(coalesce(company_name, '') || ' ' || coalesce(customer_name, '') || ' ' || coalesce(customer_id, '') || ' ' || " +
                "coalesce(finch_connection_id, '') || ' ' || coalesce(company_id, '') || ' ' || coalesce(provider_name, ''))",
                stored: true);
        connection.Ignore(c => c.IsMultiEntity);
        connection.HasIndex(c => c.FinchConnectionId).IsUnique().HasFilter("finch_connection_id IS NOT NULL");
        connection.HasIndex(c => c.SessionId).IsUnique().HasFilter("session_id IS NOT NULL");
        connection.HasIndex(c => new { c.EmployerId, c.State });
        // One index per sortable column within a tab, so a page of any sort is an index scan.
        connection.HasIndex(c => new { c.State, c.LastSyncedAt });
        connection.HasIndex(c => new { c.State, c.ConnectedAt });
        connection.HasIndex(c => new { c.State, c.CreatedAt });
        connection.HasIndex(c => new { c.State, c.CompanyName });
        connection.HasIndex(c => new { c.State, c.CustomerName });
        connection.HasIndex(c => new { c.State, c.Status, c.StatusChangedAt });
        connection.HasIndex(c => new { c.State, c.ProviderId });
        // The billable waste page looks up, for each live connection, another live one of the same Finch company.
        connection.HasIndex(c => new { c.CompanyId, c.State });
        connection.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
