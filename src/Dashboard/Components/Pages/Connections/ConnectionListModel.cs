using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Live;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;
using MudBlazor;

namespace FinchDashboard.Dashboard.Components.Pages.Connections;

/// <summary>
/// What the connections page shows beside its rows (tab counts, the action-needed summary, a load failure) and how the
/// grid's requests become reads of the view the URL holds. The page keeps the markup and the navigation.
/// </summary>
public sealed class ConnectionListModel(ConnectionDirectory connections, ChangedConnections changed, ConnectLinks links, ILogger logger)
{
    /// <summary>The changes a list hears: every kind that can touch a row, its order, the counts or the banner.</summary>
    public const ConnectionChangeKind Hears =
        ConnectionChangeKind.Shown | ConnectionChangeKind.Tab | ConnectionChangeKind.Status | ConnectionChangeKind.Synced | ConnectionChangeKind.Ordering;

    public const string LoadFailure = "The connections could not be loaded because the database is not answering. Try again in a moment.";

    public TabCounts? Counts { get; private set; }

    public ActionNeededSummary? ActionNeeded { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>The view the grid asks for: the URL's view moved to the grid's page, page size and sort.</summary>
    public static ConnectionListView FromGrid(ConnectionListView view, GridState<ConnectionRow> state)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var column = sort is null ? null : ConnectionColumn.ShownAs(sort.SortBy)?.Id;
        return view.Paged(state.Page + 1, state.PageSize, column, sort?.Descending ?? view.Descending);
    }

    /// <summary>The direction a column starts with when the grid is built for <paramref name="view"/>.</summary>
    public static SortDirection DirectionOf(ConnectionListView view, ConnectionSortColumn column) =>
        view.Sort != column ? SortDirection.None : view.Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>Why an expired link was not recreated, as the notice says it.</summary>
    public static string NotRecreated(ConnectLinkResult result) => result switch
    {
        ConnectLinkResult.Invalid invalid => string.Join(" ", invalid.Problems),
        ConnectLinkResult.Failed failed => failed.Message,
        _ => "This employer is connected already; start a reauthentication from the connection's page.",
    };

    public async Task<IReadOnlyList<ConnectionFilterBar.ProviderChoice>> ProvidersAsync()
    {
        try
        {
            return (await connections.ProvidersAsync()).Select(p => new ConnectionFilterBar.ProviderChoice(p.Id, p.Name)).ToList();
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Loading the provider list failed");
            return [];
        }
    }

    /// <summary>
    /// Reads the rows of <paramref name="view"/>, then the tab counts and the banner. On a staged tab read because the
    /// user asked (not <paramref name="quietly"/> for a live update), asks Finch about links still waiting on the
    /// employer afterwards and calls <paramref name="progressed"/> once it has answered.
    /// </summary>
    public async Task<GridData<ConnectionRow>> LoadAsync(ConnectionListView view, bool quietly, Func<Task> progressed, CancellationToken cancellationToken)
    {
        ErrorMessage = null;
        try
        {
            var page = await connections.ListAsync(view.ToQuery(), cancellationToken);
            // Asked of Finch when the user loads the view, not on every live update: a webhook burst must not become a
            // burst of Finch calls from every open page.
            if (view.Tab == ConnectionState.Staged && !quietly)
            {
                _ = UpdateProgressAsync(page.Items, progressed, cancellationToken);
            }

            Counts = await connections.CountByTabAsync(view.Search, view.Filters, cancellationToken);
            ActionNeeded = await connections.ActionNeededAsync(cancellationToken);
            return new GridData<ConnectionRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogError(ex, "Loading the connections list failed");
            ErrorMessage = LoadFailure;
            return new GridData<ConnectionRow> { Items = [], TotalItems = 0 };
        }
    }

    /// <summary>
    /// Whether changes of this kind can move <paramref name="view"/>: change which connections it holds, their order, or
    /// the tab counts. Otherwise the rows stay where they are and only their values and the banner can change.
    /// </summary>
    public static bool MovesView(ConnectionListView view, ConnectionChangeKind what)
    {
        if ((what & (ConnectionChangeKind.Tab | ConnectionChangeKind.Ordering)) != 0)
        {
            return true;
        }

        var filters = view.Filters;
        var readsStatus = view.Sort == ConnectionSortColumn.Status || filters.Statuses.Count > 0 || filters.ActionNeeded || filters.SyncOverdue;
        var readsSync = view.Sort == ConnectionSortColumn.LastSynced || filters.LastSynced is not null || filters.ActionNeeded || filters.SyncOverdue;
        return (what.HasFlag(ConnectionChangeKind.Status) && readsStatus) || (what.HasFlag(ConnectionChangeKind.Synced) && readsSync);
    }

    /// <summary>
    /// Takes in a batch of changes the page heard without reading the view again where it can: a changed row on the page
    /// is replaced where it stands, and the banner takes its new figures, both from one read shared by every page of the
    /// same employers (<see cref="ChangedConnections"/>). When the changes can move the view, it must be read again.
    /// </summary>
    public async Task<HeardChanges> HearAsync(
        ConnectionListView view, ConnectionChangeBatch batch, EmployerScope scope, IReadOnlyList<ConnectionRow> shown, CancellationToken cancellationToken)
    {
        if (ErrorMessage is not null || MovesView(view, batch.What))
        {
            return new HeardChanges.ReadAgain();
        }

        var withActionNeeded = batch.Touches(ConnectionChangeKind.Status | ConnectionChangeKind.Synced);
        var touchesShownRow = batch.Changes.Any(c =>
            (c.What & (ConnectionChangeKind.Shown | ConnectionChangeKind.Status | ConnectionChangeKind.Synced)) != 0 && shown.Any(r => r.Id == c.ConnectionId));
        if (!withActionNeeded && !touchesShownRow)
        {
            return new HeardChanges.NothingShown();
        }

        try
        {
            var read = await changed.ReadAsync(batch, scope, withActionNeeded, cancellationToken);
            ActionNeeded = read.ActionNeeded ?? ActionNeeded;
            return touchesShownRow
                ? new HeardChanges.RowsReplaced([.. shown.Select(row => read.Rows.GetValueOrDefault(row.Id, row))])
                : new HeardChanges.NothingShown();
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Reading changed connections failed; reading the whole view instead");
            return new HeardChanges.ReadAgain();
        }
    }

    // Asks Finch about rows still waiting on the employer after the page is shown, so a slow or absent Finch never
    // holds the list up; the rows are read again once it answers.
    private async Task UpdateProgressAsync(IReadOnlyList<ConnectionRow> rows, Func<Task> progressed, CancellationToken cancellationToken)
    {
        var waiting = rows.Where(r => r.SessionProgress is ConnectSessionProgress.Created or ConnectSessionProgress.Opened).Select(r => r.Id).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        try
        {
            await links.RefreshProgressAsync(waiting, cancellationToken);
            await progressed();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
        {
            // The user moved on or left the page; the next load asks again.
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Updating Connect link progress failed");
        }
    }
}

/// <summary>What a batch of heard changes asks of the connections page.</summary>
public abstract record HeardChanges
{
    /// <summary>The view may have moved: read it again.</summary>
    public sealed record ReadAgain : HeardChanges;

    /// <summary>The page's rows, with the changed ones replaced where they stand.</summary>
    public sealed record RowsReplaced(IReadOnlyList<ConnectionRow> Rows) : HeardChanges;

    /// <summary>No row on the page changed; the banner may have.</summary>
    public sealed record NothingShown : HeardChanges;
}
