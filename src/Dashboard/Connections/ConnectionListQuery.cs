using FinchDashboard.Dashboard.Data;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

public sealed record ConnectionListQuery(
    ConnectionState Tab,
    string? Search,
    ConnectionFilters Filters,
    ConnectionSortColumn Sort,
    bool Descending,
    PageRequest Page);
