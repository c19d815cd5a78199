using System.Globalization;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;
using Microsoft.AspNetCore.WebUtilities;
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

    public static ConnectionListView Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        string? One(string key) => query.TryGetValue(key, out var values) && !StringValues.IsNullOrEmpty(values) ? values.ToString().Trim() : null;
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
            MinEntities = ParseInt(One("entities_min")),
            MaxEntities = ParseInt(One("entities_max")),
            LastSynced = ParseRange(One("synced_from"), One("synced_to")),
            Connected = ParseRange(One("connected_from"), One("connected_to")),
            ActionNeeded = One("action") == "needed",
        };

        var pageSize = ParseInt(One("size")) is { } size && PageSizes.Contains(size) ? size : DefaultPageSize;
        return new ConnectionListView
        {
            Tab = Enum.TryParse<ConnectionState>(One("tab"), ignoreCase: true, out var tab) && Enum.IsDefined(tab) ? tab : ConnectionState.Live,
            Search = One("q"),
            Filters = filters,
            Sort = SortColumns.TryGetValue(One("sort") ?? "", out var sort) ? sort : ConnectionSortColumn.Connected,
            Descending = One("dir") != "asc",
            PageNumber = Math.Max(1, ParseInt(One("page")) ?? 1),
            PageSize = pageSize,
        };
    }

    public static ConnectionListView Parse(string uri) =>
        Parse(QueryHelpers.ParseQuery(new Uri(uri).Query).ToDictionary(pair => pair.Key, pair => pair.Value));

    /// <summary>The query string for this view, leaving out defaults so shared links stay short.</summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                pairs.Add(new(key, value));
            }
        }

        Add("tab", Tab == ConnectionState.Live ? null : Tab.ToString().ToLowerInvariant());
        Add("q", Search);
        Add("status", string.Join(',', Filters.Statuses.Select(s => s.WireName())));
        Add("provider", string.Join(',', Filters.Providers));
        Add("type", string.Join(',', Filters.Types.Select(TypeName)));
        Add("company", Filters.Company);
        Add("connection_id", Filters.ConnectionId);
        Add("customer", Filters.Customer);
        Add("entities_min", Filters.MinEntities?.ToString(CultureInfo.InvariantCulture));
        Add("entities_max", Filters.MaxEntities?.ToString(CultureInfo.InvariantCulture));
        Add("synced_from", FormatDate(Filters.LastSynced?.From));
        Add("synced_to", FormatDate(Filters.LastSynced?.To));
        Add("connected_from", FormatDate(Filters.Connected?.From));
        Add("connected_to", FormatDate(Filters.Connected?.To));
        Add("action", Filters.ActionNeeded ? "needed" : null);
        if (Sort != ConnectionSortColumn.Connected || !Descending)
        {
            Add("sort", SortColumns.First(pair => pair.Value == Sort).Key);
            Add("dir", Descending ? "desc" : "asc");
        }

        Add("page", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null);
        Add("size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null);
        return QueryString.Create(pairs).ToUriComponent();
    }

    public static string TypeName(ConnectionType type) => type switch
    {
        ConnectionType.Automated => "automated",
        ConnectionType.Assisted => "assisted",
        _ => "automated_assisted",
    };

    public static readonly IReadOnlyDictionary<string, ConnectionSortColumn> SortColumns = new Dictionary<string, ConnectionSortColumn>
    {
        ["company"] = ConnectionSortColumn.Company,
        ["connection_id"] = ConnectionSortColumn.ConnectionId,
        ["customer"] = ConnectionSortColumn.Customer,
        ["entities"] = ConnectionSortColumn.Entities,
        ["status"] = ConnectionSortColumn.Status,
        ["last_synced"] = ConnectionSortColumn.LastSynced,
        ["type"] = ConnectionSortColumn.ConnectionType,
        ["connected"] = ConnectionSortColumn.Connected,
        ["provider"] = ConnectionSortColumn.Provider,
        ["created"] = ConnectionSortColumn.Created,
        ["expires"] = ConnectionSortColumn.Expires,
        ["disconnected"] = ConnectionSortColumn.Disconnected,
    };

    private static ConnectionType? ParseType(string value) => value switch
    {
        "automated" => ConnectionType.Automated,
        "assisted" => ConnectionType.Assisted,
        "automated_assisted" => ConnectionType.AutomatedAssisted,
        _ => null,
    };

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0 ? number : null;

    // Dates in the URL are whole UTC days; "to" includes the whole of its day.
    private static TimeRange? ParseRange(string? from, string? to)
    {
        var start = ParseDate(from);
        var end = ParseDate(to)?.AddDays(1).AddTicks(-1);
        return start is null && end is null ? null : new TimeRange(start, end);
    }

    private static DateTimeOffset? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private static string? FormatDate(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
