using System.Globalization;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Web;
using FinchDashboard.Domain.Connections;
using Microsoft.Extensions.Primitives;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// Everything that decides what the list shows (tab, search, filters, sort, page), read from and written to the URL
/// so a view can be bookmarked and shared, and so the CSV export sees exactly what the page shows.
/// Unknown or malformed values are ignored rather than failing the page.
/// </summary>
public sealed record ConnectionListView
{
    public static readonly int[] PageSizes = [25, 50, 100, 200];
    public const int DefaultPageSize = 25;

    public ConnectionState Tab { get; init; } = ConnectionState.Live;

    public string? Search { get; init; }

    public ConnectionFilters Filters { get; init; } = ConnectionFilters.None;

    public ConnectionSortColumn Sort { get; init; } = ConnectionSortColumn.Connected;

    public bool Descending { get; init; } = true;

    /// <summary>1-based, as people count pages.</summary>
    public int PageNumber { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public ConnectionListQuery ToQuery() =>
        new(Tab, Search, Filters, Sort, Descending, new PageRequest((PageNumber - 1) * PageSize, PageSize));

    /// <summary>The same view on another tab: its filters carry over, the page starts again.</summary>
    public ConnectionListView OnTab(ConnectionState tab) => this with { Tab = tab, PageNumber = 1 };

    /// <summary>The banner's "View now": live connections that need action, and nothing else narrowing them.</summary>
    public static ConnectionListView ActionNeeded { get; } = new() { Filters = new ConnectionFilters { ActionNeeded = true } };

    /// <summary>The page's own address for this view, relative to the dashboard's base.</summary>
    public string Href => "connections" + ToQueryString();

    public bool IsNarrowed => Search is not null || Filters != ConnectionFilters.None;

    /// <summary>A new search starts from the first page; blank means no search.</summary>
    public ConnectionListView Searching(string? text) =>
        this with { Search = string.IsNullOrWhiteSpace(text) ? null : text.Trim(), PageNumber = 1 };

    public ConnectionListView Filtered(ConnectionFilters filters) => this with { Filters = filters, PageNumber = 1 };

    /// <summary>
    /// The view after the grid moved to another page, page size or sort. A new sort or page size starts from the first
    /// page, as the grid's own pager would after rows reshuffle.
    /// </summary>
    public ConnectionListView Paged(int pageNumber, int pageSize, ConnectionSortColumn? sort, bool descending)
    {
        var resorted = sort is { } column && (column != Sort || descending != Descending);
        var resized = pageSize != PageSize && PageSizes.Contains(pageSize);
        return this with
        {
            Sort = resorted ? sort!.Value : Sort,
            Descending = resorted ? descending : Descending,
            PageSize = resized ? pageSize : PageSize,
            PageNumber = resorted || resized ? 1 : Math.Max(1, pageNumber),
        };
    }

    /// <summary>Whether two views show the same rows; compares what the URL holds, as lists compare by reference.</summary>
    public bool SameAs(ConnectionListView other) => ToQueryString() == other.ToQueryString();

    public string EmptyText => IsNarrowed
        ? "No connections match this search and these filters."
        : Tab switch
        {
            ConnectionState.Live => "No live connections yet. They appear here once an employer completes Finch Connect.",
            ConnectionState.Staged => "No Connect sessions are waiting for an employer.",
            _ => "No disconnected connections.",
        };

    public static ConnectionListView Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        string? One(string key) => UrlQuery.One(query, key);
        IEnumerable<string> Many(string key) =>
            (One(key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var filters = new ConnectionFilters
        {
            Statuses = Many("status").Select(s => ConnectionStatuses.TryParseWireName(s, out var status) ? status : (ConnectionStatus?)null)
                .OfType<ConnectionStatus>().Distinct().ToArray(),
            Providers = Many("provider").Distinct().ToArray(),
            Types = Many("type").Select(ParseType).OfType<ConnectionType>().Distinct().ToArray(),
            Company = One("company"),
            ConnectionId = One("connection_id"),
            Customer = One("customer"),
            MinEntities = UrlQuery.ParseCount(One("entities_min")),
            MaxEntities = UrlQuery.ParseCount(One("entities_max")),
            LastSynced = UrlQuery.ParseDays(One("synced_from"), One("synced_to")),
            Connected = UrlQuery.ParseDays(One("connected_from"), One("connected_to")),
            ActionNeeded = One("action") == "needed",
            SyncOverdue = One("sync") == "overdue",
        };

        var pageSize = UrlQuery.ParseCount(One("size")) is { } size && PageSizes.Contains(size) ? size : DefaultPageSize;
        return new ConnectionListView
        {
            Tab = Enum.TryParse<ConnectionState>(One("tab"), ignoreCase: true, out var tab) && Enum.IsDefined(tab) ? tab : ConnectionState.Live,
            Search = One("q"),
            Filters = filters,
            Sort = ConnectionColumn.Named(One("sort"))?.Id ?? ConnectionSortColumn.Connected,
            Descending = One("dir") != "asc",
            PageNumber = UrlQuery.ParsePageNumber(One("page")),
            PageSize = pageSize,
        };
    }

    public static ConnectionListView Parse(string uri) => Parse(UrlQuery.Of(uri));

    /// <summary>The query string for this view, leaving out defaults so shared links stay short.</summary>
    public string ToQueryString()
    {
        var sorted = Sort != ConnectionSortColumn.Connected || !Descending;
        return UrlQuery.Create(
            ("tab", Tab == ConnectionState.Live ? null : Tab.ToString().ToLowerInvariant()),
            ("q", Search),
            ("status", string.Join(',', Filters.Statuses.Select(s => s.WireName()))),
            ("provider", string.Join(',', Filters.Providers)),
            ("type", string.Join(',', Filters.Types.Select(TypeName))),
            ("company", Filters.Company),
            ("connection_id", Filters.ConnectionId),
            ("customer", Filters.Customer),
            ("entities_min", Filters.MinEntities?.ToString(CultureInfo.InvariantCulture)),
            ("entities_max", Filters.MaxEntities?.ToString(CultureInfo.InvariantCulture)),
            ("synced_from", UrlQuery.FormatDay(Filters.LastSynced?.From)),
            ("synced_to", UrlQuery.FormatDay(Filters.LastSynced?.To)),
            ("connected_from", UrlQuery.FormatDay(Filters.Connected?.From)),
            ("connected_to", UrlQuery.FormatDay(Filters.Connected?.To)),
            ("action", Filters.ActionNeeded ? "needed" : null),
            ("sync", Filters.SyncOverdue ? "overdue" : null),
            ("sort", sorted ? ConnectionColumn.Of(Sort).Name : null),
            ("dir", sorted ? (Descending ? "desc" : "asc") : null),
            ("page", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null),
            ("size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null));
    }

    public static string TypeName(ConnectionType type) => type switch
    {
        ConnectionType.Automated => "automated",
        ConnectionType.Assisted => "assisted",
        _ => "automated_assisted",
    };

    private static ConnectionType? ParseType(string value) => value switch
    {
        "automated" => ConnectionType.Automated,
        "assisted" => ConnectionType.Assisted,
        "automated_assisted" => ConnectionType.AutomatedAssisted,
        _ => null,
    };
}
