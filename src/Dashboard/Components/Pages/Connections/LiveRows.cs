using FinchDashboard.Dashboard.Connections;

namespace FinchDashboard.Dashboard.Components.Pages.Connections;

/// <summary>
/// The latest values of rows the grid shows, as live changes bring them: the cells that show such values
/// (<see cref="LiveCell"/>) render them themselves, so a changed row changes in place and the grid, its other rows and
/// the page around it are not rendered again. Emptied whenever the grid reads its rows afresh.
/// </summary>
public sealed class LiveRows
{
    private readonly Dictionary<Guid, ConnectionRow> _latest = [];

    public event Action<Guid>? Changed;

    /// <summary>The row's values as the last live change left them, or as the grid read them.</summary>
    public ConnectionRow Latest(ConnectionRow shown) => _latest.GetValueOrDefault(shown.Id, shown);

    public void Replace(IEnumerable<ConnectionRow> rows)
    {
        foreach (var row in rows)
        {
            _latest[row.Id] = row;
            Changed?.Invoke(row.Id);
        }
    }

    public void Clear() => _latest.Clear();
}
