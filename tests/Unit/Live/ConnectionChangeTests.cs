using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Live;

public class ConnectionChangeTests
{
    private static readonly Guid EmployerA = Guid.NewGuid();
    private static readonly Guid EmployerB = Guid.NewGuid();
    private static readonly Guid Connection = Guid.NewGuid();

    [Fact]
    public void A_page_hears_only_of_changes_to_employers_in_its_callers_scope()
    {
        var change = new ConnectionChange(EmployerB, Connection);

        Assert.False(change.IsFor(EmployerScope.Only([EmployerA]), null));
        Assert.False(change.IsFor(EmployerScope.Nobody, null));
        Assert.True(change.IsFor(EmployerScope.Only([EmployerA, EmployerB]), null));
        Assert.True(change.IsFor(EmployerScope.AllEmployers, null));
    }

    [Fact]
    public void A_connection_page_hears_only_of_its_own_connection()
    {
        var change = new ConnectionChange(EmployerA, Connection);

        Assert.True(change.IsFor(EmployerScope.AllEmployers, Connection));
        Assert.False(change.IsFor(EmployerScope.AllEmployers, Guid.NewGuid()));
    }

    [Fact]
    public void Notification_payloads_round_trip_and_skip_what_they_cannot_read()
    {
        var changes = new[] { new ConnectionChange(EmployerA, Connection), new ConnectionChange(EmployerB, Guid.NewGuid()) };
        var payload = string.Concat(changes.Select(c => $"{c.EmployerId:N}:{c.ConnectionId:N};")) + "garbage;";

        Assert.Equal(changes, ConnectionChangeNotifier.Parse(payload));
    }
}
