using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Employers;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Dashboard.Data;

/// <summary>
/// Identity and the dashboard's own data in one PostgreSQL database. Every employer-owned set carries a query
/// filter on <see cref="EmployerScope"/>, which is <see cref="EmployerScope.Nobody"/> until
/// <see cref="EmployerData"/> or <see cref="SystemData"/> sets it: a context nobody scoped sees no employer data.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<DashboardUser>(options)
{
    internal EmployerScope EmployerScope { get; set; } = EmployerScope.Nobody;

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<EmployerGrant> EmployerGrants => Set<EmployerGrant>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<DashboardUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(DashboardUser.DisplayNameMaxLength);
        });

        builder.Entity<Employer>(employer =>
        {
            employer.HasKey(e => e.Id);
            employer.Property(e => e.CustomerId).HasMaxLength(Employer.CustomerIdMaxLength);
            employer.Property(e => e.Name).HasMaxLength(Employer.NameMaxLength);
            employer.Property(e => e.Email).HasMaxLength(Employer.EmailMaxLength);
            employer.HasIndex(e => e.CustomerId).IsUnique();
            employer.HasIndex(e => e.Name);
            employer.HasQueryFilter(e => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(e.Id));
        });

        builder.Entity<EmployerGrant>(grant =>
        {
            grant.HasKey(g => new { g.UserId, g.EmployerId });
            grant.HasIndex(g => g.EmployerId);
            grant.HasOne<DashboardUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne<Employer>().WithMany().HasForeignKey(g => g.EmployerId).OnDelete(DeleteBehavior.Cascade);
            grant.HasQueryFilter(g => EmployerScope.IncludesAllEmployers || EmployerScope.EmployerIds.Contains(g.EmployerId));
        });

        SnakeCaseNames.Apply(builder);
    }
}
