using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// What a connection's page shows and offers, from the connection as last loaded and the caller's permissions, and
/// which of its entities are ticked for disconnecting.
/// </summary>
public sealed class ConnectionPageView(Caller caller)
{
    private readonly HashSet<Guid> _selected = [];

    public bool CanDisconnectEntities { get; } = caller.Can(Permission.DisconnectEntities);

    public bool CanDisconnectConnection { get; } = caller.Can(Permission.DisconnectConnection);

    /// <summary>Finch's connection, company and entity ids; employer admins see only the reference support asks for.</summary>
    public bool CanSeeFinchIds { get; } = caller.Can(Permission.ViewFinchIds);

    public bool CanManageNotes { get; } = caller.Can(Permission.ManageSupportNotes);

    /// <summary>"Connect another system" for the connection's employer: a new Connect link, for those who create them.</summary>
    public bool CanCreateConnectLink { get; } = caller.Can(Permission.CreateConnectLink);

    /// <summary>"Sync now": staff only; the service checks it again.</summary>
    public bool CanSync { get; } = caller.Can(Permission.SyncConnection);

    /// <summary>Null until loaded, and when the connection does not exist in the caller's scope.</summary>
    public ConnectionDetails? Details { get; private set; }

    public string Title => Details?.Connection is { } c
        ? c.IsMultiEntity ? "Multi-entity connection" : c.CompanyName ?? c.CustomerName ?? "Connection"
        : "Connection";

    public bool IsLive => Details is { Connection.State: ConnectionState.Live };

    /// <summary>Finch reports the connection in Re-auth: the employer must sign in again, which a disconnect does not do.</summary>
    public bool NeedsReauth => Details is { Connection: { State: ConnectionState.Live, Status: ConnectionStatus.Reauth } };

    public bool CanSelectEntities => CanDisconnectEntities && IsLive && Details!.ActiveEntities.Count > 0;

    public bool ShowsDangerZone => IsLive && CanDisconnectConnection;

    public IReadOnlyList<ConnectionEntity> SelectedEntities =>
        [.. Details?.ActiveEntities.Where(e => _selected.Contains(e.Id)) ?? []];

    public bool SelectsEveryActiveEntity => Details is { } d && d.ActiveEntities.Count > 0 && d.ActiveEntities.All(e => _selected.Contains(e.Id));

    public string DisconnectSelectedText => _selected.Count switch
    {
        0 => "Disconnect selected entities",
        1 => "Disconnect 1 selected entity",
        var n => $"Disconnect {n} selected entities",
    };

    /// <summary>Shows <paramref name="details"/>; an entity disconnected meanwhile (here, by someone else or by Finch) can no longer stay ticked.</summary>
    public void Show(ConnectionDetails? details)
    {
        Details = details;
        _selected.IntersectWith(details?.ActiveEntities.Select(e => e.Id) ?? []);
    }

    public bool IsSelected(Guid entityId) => _selected.Contains(entityId);

    public void Select(Guid entityId, bool selected)
    {
        if (selected && Details?.ActiveEntities.Any(e => e.Id == entityId) == true)
        {
            _selected.Add(entityId);
        }
        else
        {
            _selected.Remove(entityId);
        }
    }

    public void ClearSelection() => _selected.Clear();

    /// <summary>The entity checkbox's accessible name; an unnamed entity is not named by its Finch id for roles that may not see those.</summary>
    public string SelectLabel(ConnectionEntity entity) =>
        $"Select {entity.Name ?? (CanSeeFinchIds ? entity.FinchEntityId : "unnamed entity")}";

    /// <summary>Finch's entity status as a connection status for its chip; null for a value the dashboard does not know, shown as it came.</summary>
    public static ConnectionStatus? EntityStatus(ConnectionEntity entity) =>
        ConnectionStatuses.TryParseWireName(entity.Status, out var status) ? status : null;

    /// <summary>Finch's <c>connection_type</c> with what it means; null until /introspect was read.</summary>
    public static string? FinchConnectionType(IntrospectedAccount account) => account.ConnectionType switch
    {
        null => null,
        "provider" => "provider: a real provider account",
        IntrospectedAccount.FinchGeneratedData => "finch: data Finch's sandbox makes up",
        var other => other,
    };

    /// <summary>Finch's <c>manual</c> in words; null until /introspect was read.</summary>
    public static string? Manual(IntrospectedAccount account) => account.Manual switch
    {
        true => "Yes: Assisted Connect, Finch's team syncs the data",
        false => "No: automated",
        null => null,
    };

    /// <summary>"Disconnect 1 entity", "Disconnect 3 entities": the entities dialog's title and its confirm button.</summary>
    public static string DisconnectEntities(int count) => count == 1 ? "Disconnect 1 entity" : $"Disconnect {count} entities";
}
