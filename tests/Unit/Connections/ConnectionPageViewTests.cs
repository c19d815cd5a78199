using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Connections;

public class ConnectionPageViewTests
{
    private static readonly Caller Manager = new("u1", "Max Manager", [Role.AccountManager], EmployerScope.Nobody);
    private static readonly Caller EmployerAdmin = new("u2", "Erin Employer", [Role.EmployerAdmin], EmployerScope.Nobody);
    private static readonly Caller Support = new("u3", "Sam Support", [Role.Support], EmployerScope.Nobody);

    private static ConnectionEntity Entity(string? name, string status = "connected") =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.Empty, $"ent_{name}", name, null, status);

    private static ConnectionDetails Details(ConnectionState state, params ConnectionEntity[] entities) =>
        Details(state, ConnectionStatus.Connected, entities);

    private static ConnectionDetails Details(ConnectionState state, ConnectionStatus status, params ConnectionEntity[] entities) => new(
        new ConnectionRow(Guid.NewGuid(), Guid.NewGuid(), state, "conn_1", "comp_1", "Acme Manufacturing", null, "Acme Holdings",
            entities.Count(e => e.IsActive), status, null, DateTimeOffset.UnixEpoch, null, ConnectionType.Automated,
            null, null, "gusto", "Gusto", [], null, null, null, DateTimeOffset.UnixEpoch, null, null, null),
        "Acme", entities, [], [], null, null, null);

    [Fact]
    public void Roles_decide_what_the_page_offers()
    {
        var live = Details(ConnectionState.Live, Entity("East"));
        var manager = new ConnectionPageView(Manager);
        var employer = new ConnectionPageView(EmployerAdmin);
        var support = new ConnectionPageView(Support);
        foreach (var view in new[] { manager, employer, support })
        {
            view.Show(live);
        }

        Assert.Equal((true, true, true, true), (manager.CanSelectEntities, manager.ShowsDangerZone, manager.CanSeeFinchIds, manager.CanManageNotes));
        Assert.Equal((true, true, false, false), (employer.CanSelectEntities, employer.ShowsDangerZone, employer.CanSeeFinchIds, employer.CanManageNotes));
        Assert.Equal((false, false, true, true), (support.CanSelectEntities, support.ShowsDangerZone, support.CanSeeFinchIds, support.CanManageNotes));
    }

    [Fact]
    public void A_disconnected_connection_offers_neither_selection_nor_the_danger_zone()
    {
        var view = new ConnectionPageView(Manager);
        view.Show(Details(ConnectionState.Disconnected, Entity("East", "disconnected")));

        Assert.False(view.IsLive);
        Assert.False(view.CanSelectEntities);
        Assert.False(view.ShowsDangerZone);
    }

    [Theory]
    [InlineData(ConnectionState.Live, ConnectionStatus.Reauth, true)]
    [InlineData(ConnectionState.Live, ConnectionStatus.Connected, false)]
    [InlineData(ConnectionState.Live, ConnectionStatus.ErrorPermissions, false)]
    [InlineData(ConnectionState.Disconnected, ConnectionStatus.Reauth, false)]
    public void Only_a_live_connection_in_reauth_needs_reauthentication_before_any_disconnect(ConnectionState state, ConnectionStatus status, bool expected)
    {
        var view = new ConnectionPageView(Manager);
        view.Show(Details(state, status, Entity("East")));

        Assert.Equal(expected, view.NeedsReauth);
    }

    [Fact]
    public void A_live_connection_without_active_entities_has_nothing_to_select()
    {
        var view = new ConnectionPageView(Manager);
        view.Show(Details(ConnectionState.Live, Entity("East", "disconnected")));

        Assert.False(view.CanSelectEntities);
    }

    [Fact]
    public void The_title_names_the_company_or_says_it_holds_several()
    {
        var view = new ConnectionPageView(Manager);
        Assert.Equal("Connection", view.Title);

        view.Show(Details(ConnectionState.Live, Entity("East")));
        Assert.Equal("Acme Manufacturing", view.Title);

        view.Show(Details(ConnectionState.Live, Entity("East"), Entity("West")));
        Assert.Equal("Multi-entity connection", view.Title);
    }

    [Fact]
    public void The_selection_counts_in_the_button_and_knows_when_it_holds_every_active_entity()
    {
        var east = Entity("East");
        var west = Entity("West");
        var gone = Entity("Gone", "disconnected");
        var view = new ConnectionPageView(Manager);
        view.Show(Details(ConnectionState.Live, east, west, gone));
        Assert.Equal("Disconnect selected entities", view.DisconnectSelectedText);

        view.Select(east.Id, true);
        view.Select(gone.Id, true);
        Assert.Equal("Disconnect 1 selected entity", view.DisconnectSelectedText);
        Assert.Equal([east], view.SelectedEntities);
        Assert.False(view.SelectsEveryActiveEntity);

        view.Select(west.Id, true);
        Assert.Equal("Disconnect 2 selected entities", view.DisconnectSelectedText);
        Assert.True(view.SelectsEveryActiveEntity);

        view.Select(east.Id, false);
        Assert.Equal([west], view.SelectedEntities);
    }

    [Fact]
    public void An_entity_disconnected_meanwhile_leaves_the_selection()
    {
        var east = Entity("East");
        var west = Entity("West");
        var view = new ConnectionPageView(Manager);
        view.Show(Details(ConnectionState.Live, east, west));
        view.Select(east.Id, true);
        view.Select(west.Id, true);

        var eastGone = new ConnectionEntity(east.Id, east.ConnectionId, east.EmployerId, east.FinchEntityId, east.Name, east.SourceId, "disconnected");
        view.Show(Details(ConnectionState.Live, eastGone, west));

        Assert.Equal([west], view.SelectedEntities);
        Assert.False(view.IsSelected(east.Id));
        Assert.True(view.SelectsEveryActiveEntity);
    }

    [Fact]
    public void An_unnamed_entity_is_named_by_its_Finch_id_only_for_roles_that_see_Finch_ids()
    {
        var unnamed = Entity(null);

        Assert.Equal("Select ent_", new ConnectionPageView(Manager).SelectLabel(unnamed));
        Assert.Equal("Select unnamed entity", new ConnectionPageView(EmployerAdmin).SelectLabel(unnamed));
        Assert.Equal("Select East", new ConnectionPageView(EmployerAdmin).SelectLabel(Entity("East")));
    }

    [Theory]
    [InlineData("connected", ConnectionStatus.Connected)]
    [InlineData("disconnected", ConnectionStatus.Disconnected)]
    [InlineData("something_new", null)]
    public void An_entity_status_Finch_sends_that_the_dashboard_does_not_know_is_shown_as_it_came(string wire, ConnectionStatus? expected)
    {
        Assert.Equal(expected, ConnectionPageView.EntityStatus(Entity("East", wire)));
    }

    [Theory]
    [InlineData(1, "Disconnect 1 entity")]
    [InlineData(3, "Disconnect 3 entities")]
    public void The_entities_dialog_counts_what_it_disconnects(int count, string expected)
    {
        Assert.Equal(expected, ConnectionPageView.DisconnectEntities(count));
    }
}
