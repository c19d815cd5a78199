using FinchDashboard.Dashboard.ConnectSessions;
using FinchDashboard.Dashboard.Connections;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using MudBlazor;

namespace FinchDashboard.Dashboard.Components.Pages.Connections;

/// <summary>
/// What the connections page shows beside its rows (tab counts, the action-needed summary, a load failure) and how the
/// grid's requests become reads of the view the URL holds. The page keeps the markup and the navigation.
/// </summary>
public sealed class ConnectionListModel(ConnectionDirectory connections, ConnectLinks links, ILogger logger)
{
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
