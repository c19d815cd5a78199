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
        var change = new ConnectionChange(EmployerB, Connection, ConnectionChangeKind.Status);

        Assert.False(change.IsFor(EmployerScope.Only([EmployerA]), null));
        Assert.False(change.IsFor(EmployerScope.Nobody, null));
        Assert.True(change.IsFor(EmployerScope.Only([EmployerA, EmployerB]), null));
        Assert.True(change.IsFor(EmployerScope.AllEmployers, null));
    }

    [Fact]
    public void A_connection_page_hears_only_of_its_own_connection()
    {
        var change = new ConnectionChange(EmployerA, Connection, ConnectionChangeKind.Status);

        Assert.True(change.IsFor(EmployerScope.AllEmployers, Connection));
        Assert.False(change.IsFor(EmployerScope.AllEmployers, Guid.NewGuid()));
    }

    [Fact]
    public void Notification_payloads_round_trip_with_what_changed_and_skip_what_they_cannot_read()
    {
        var changes = new[]
        {
            new ConnectionChange(EmployerA, Connection, ConnectionChangeKind.Status | ConnectionChangeKind.Shown),
            new ConnectionChange(EmployerB, Guid.NewGuid(), ConnectionChangeKind.Whole),
        };
        var payload = string.Concat(changes.Select(c => $"{c.EmployerId:N}:{c.ConnectionId:N}:{(int)c.What};")) + "garbage;" + $"{EmployerA:N}:{Connection:N};";

        Assert.Equal(changes, ConnectionChangeNotifier.Parse(payload));
    }

    [Fact]
    public void Changes_to_one_connection_merge_into_one_with_everything_that_changed()
    {
        var other = Guid.NewGuid();

        var merged = ConnectionChange.Merge(
        [
            new ConnectionChange(EmployerA, Connection, ConnectionChangeKind.Status),
            new ConnectionChange(EmployerB, other, ConnectionChangeKind.Details),
            new ConnectionChange(EmployerA, Connection, ConnectionChangeKind.Synced),
        ]);

        Assert.Equal(
            [new ConnectionChange(EmployerA, Connection, ConnectionChangeKind.Status | ConnectionChangeKind.Synced), new ConnectionChange(EmployerB, other, ConnectionChangeKind.Details)],
            merged);
    }
}
