using FinchDashboard.Dashboard.SelfService;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace FinchDashboard.Integration.SelfService;

/// <summary>"Your connections" on PostgreSQL: a PEO admin sees each granted employer and nothing of any other.</summary>
public sealed class EmployerOverviewTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task A_peo_admin_sees_every_granted_employers_connections_and_no_one_elses()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var umbrella = await app.AddEmployerAsync($"Umbrella {tag}");
        var stark = await app.AddEmployerAsync($"Stark {tag}");
        var other = await app.AddEmployerAsync($"Other {tag}");
        var live = await app.AddConnectionAsync(umbrella, ConnectionState.Live, c => c.Company("Umbrella Health").Provider("gusto", "Gusto"));
        var past = await app.AddConnectionAsync(stark, ConnectionState.Disconnected, c => c.Company("Stark Inc."));
        await app.AddConnectionAsync(stark, ConnectionState.Staged, _ => { });
        await app.AddConnectionAsync(other, ConnectionState.Live, c => c.Company("Not yours"));
        var peoAdmin = await app.AddUserAsync(Role.EmployerAdmin, umbrella, stark);

        await using var scope = await app.SignedInScopeAsync(peoAdmin);
        var employers = await scope.ServiceProvider.GetRequiredService<EmployerOverview>().ListAsync();

        Assert.Equal([stark.Id, umbrella.Id], employers.Select(e => e.EmployerId));
        var umbrellaCard = Assert.Single(employers.Single(e => e.EmployerId == umbrella.Id).Connections);
        Assert.Equal((live.Id, "Gusto"), (umbrellaCard.Id, umbrellaCard.ProviderName));
        // One active and one removed entity, as seeded; removed ones stay visible as history.
        Assert.Equal([true, false], umbrellaCard.Entities.OrderByDescending(e => e.IsActive).Select(e => e.IsActive));
        // Staged rows are the account manager's business until the employer completes Connect.
        Assert.Equal([past.Id], employers.Single(e => e.EmployerId == stark.Id).Connections.Select(c => c.Id));
    }
}
