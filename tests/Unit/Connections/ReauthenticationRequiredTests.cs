using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Finch;
using FinchDashboard.Domain.Connections;
using FinchDashboard.Domain.Employers;
using FinchDashboard.Tests;
using Microsoft.EntityFrameworkCore;

namespace FinchDashboard.Unit.Connections;

/// <summary>
/// Finch's 401 reauthenticate_user, as both "Refresh from Finch" and the health check apply it. Only staged on a
/// context that never connects: nothing here reaches a database.
/// </summary>
public class ReauthenticationRequiredTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static DashboardDbContext Context() =>
        new(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql("Host=unused.invalid").Options);

    private static Connection Connection(ConnectionStatus status) =>
        new ConnectionBuilder(new Employer(Guid.CreateVersion7(), "acme", "Acme", null, Now), ConnectionState.Live)
            .Status(status, since: Now.AddDays(-3))
            .Build().Connection;

    private static FinchFailure.ReauthenticationRequired Reauth(string? message) =>
        new("req-1", message is null ? null : new FinchError(401, "authentication_error", "reauthenticate_user", message, null));

    [Fact]
    public void A_connected_connection_becomes_reauth_with_a_timeline_entry()
    {
        using var db = Context();
        var connection = Connection(ConnectionStatus.Connected);

        IntrospectionApplier.ApplyReauthenticationRequired(db, connection, Reauth("Please reauthenticate user"), Now);

        Assert.Equal((ConnectionStatus.Reauth, Now, Now), (connection.Status, connection.StatusChangedAt, connection.RefreshedAt));
        Assert.Equal("Please reauthenticate user", connection.StatusMessage);
        var entry = Assert.Single(db.ChangeTracker.Entries<ConnectionEvent>()).Entity;
        Assert.Equal("Status changed from Connected to Re-auth: Finch asked for the employer to reconnect", entry.Summary);
        Assert.Equal((connection.Id, connection.EmployerId, Now), (entry.ConnectionId, entry.EmployerId, entry.OccurredAt));
    }

    [Fact]
    public void A_connection_already_in_reauth_keeps_its_change_time_and_gets_no_second_entry()
    {
        using var db = Context();
        var connection = Connection(ConnectionStatus.Reauth);

        IntrospectionApplier.ApplyReauthenticationRequired(db, connection, Reauth(null), Now);

        Assert.Equal(Now.AddDays(-3), connection.StatusChangedAt);
        Assert.Equal("The employer must reconnect through Finch Connect.", connection.StatusMessage);
        Assert.Empty(db.ChangeTracker.Entries<ConnectionEvent>());
    }
}
