using System.Globalization;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Dashboard.Web;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// GET /connections/export: the current tab with its search, filters and sort as CSV, written to the response as rows
/// arrive from PostgreSQL. Columns are the list's, plus raw ids and ISO-8601 times; there is no token column to leak, and
/// Finch's ids go only to callers who may see them on the page (<see cref="Permission.ViewFinchIds"/>).
/// </summary>
public static class ConnectionExport
{
    public const string Path = "/connections/export";

    public static IEndpointConventionBuilder MapConnectionExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(nameof(Permission.ExportConnections))
            .RequireRateLimiting(Throttles.Export);

    public static string FileName(ConnectionState tab, DateTimeOffset now) =>
        $"connections-{tab.ToString().ToLowerInvariant()}-{now.UtcDateTime:yyyy-MM-dd}.csv";

    private static async Task ExportAsync(HttpContext context, ConnectionDirectory directory, CurrentCaller currentCaller, TimeProvider clock)
    {
        var caller = await currentCaller.GetAsync(context.RequestAborted);
        var view = ConnectionListView.Parse(context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value));

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(view.Tab, clock.GetUtcNow())}\"";
        context.Response.Headers.CacheControl = "no-store";
        await WriteCsvAsync(context.Response.Body, directory, caller, view.ToQuery(), context.RequestAborted);
    }

    /// <summary>Writes the CSV of one tab, as <paramref name="caller"/> may see it, to <paramref name="output"/> as rows arrive; returns the number of rows.</summary>
    public static async Task<int> WriteCsvAsync(
        Stream output, ConnectionDirectory directory, Caller caller, ConnectionListQuery query, CancellationToken cancellationToken)
    {
        var withFinchIds = caller.Can(Permission.ViewFinchIds);
        var syncOverdue = directory.SyncOverdueRule();
        var columns = (query.Tab switch
            {
                ConnectionState.Staged => StagedColumns,
                ConnectionState.Live => [.. ConnectionColumns, ("sync_overdue", r => syncOverdue(r) ? "yes" : "no", false)],
                ConnectionState.Disconnected => [.. ConnectionColumns, .. DisconnectionColumns],
                _ => ConnectionColumns,
            })
            .Where(column => withFinchIds || !column.FinchId)
            .Select(column => (column.Header, column.Value))
            .ToList();
        return await CsvDownload.WriteAsync(output, columns, directory.ExportAsync(query, cancellationToken), cancellationToken);
    }

    private static readonly (string Header, Func<ConnectionRow, string?> Value, bool FinchId)[] ConnectionColumns =
    [
        ("company_name", r => r.IsMultiEntity ? "Multi-entity connection" : r.CompanyName, false),
        ("company_id", r => r.CompanyId, true),
        ("connection_id", r => r.FinchConnectionId, true),
        ("customer_name", r => r.CustomerName, false),
        ("customer_id", r => r.CustomerId, false),
        ("entities", r => r.ActiveEntityCount.ToString(CultureInfo.InvariantCulture), false),
        ("connection_status", r => r.Status.WireName(), false),
        ("status_message", r => r.StatusMessage, false),
        ("last_synced_at", r => CsvDownload.Iso(r.LastSyncedAt), false),
        ("connection_type", r => r.ConnectionType.DisplayName(), false),
        ("connected_at", r => CsvDownload.Iso(r.ConnectedAt), false),
        ("disconnected_at", r => CsvDownload.Iso(r.DisconnectedAt), false),
        ("provider", r => r.ProviderName, false),
        ("provider_id", r => r.ProviderId, false),
        ("products", r => string.Join(' ', r.Products), false),
        ("dashboard_connection_id", r => r.Id.ToString(), false),
        ("employer_id", r => r.EmployerId.ToString(), false),
    ];

    /// <summary>Who ended each connection and why, after the Disconnected tab's other columns.</summary>
    private static readonly (string Header, Func<ConnectionRow, string?> Value, bool FinchId)[] DisconnectionColumns =
    [
        ("disconnected_by", r => r.DisconnectedBy, false),
        ("disconnect_reason", r => r.DisconnectReason, false),
    ];

    private static readonly (string Header, Func<ConnectionRow, string?> Value, bool FinchId)[] StagedColumns =
    [
        ("customer_name", r => r.CustomerName, false),
        ("customer_id", r => r.CustomerId, false),
        ("products", r => string.Join(' ', r.Products), false),
        ("provider", r => r.ProviderName, false),
        ("provider_id", r => r.ProviderId, false),
        ("session_id", r => r.SessionId, true),
        ("progress", r => r.SessionProgress?.ToString().ToLowerInvariant(), false),
        ("created_at", r => CsvDownload.Iso(r.CreatedAt), false),
        ("expires_at", r => CsvDownload.Iso(r.SessionExpiresAt), false),
        ("dashboard_connection_id", r => r.Id.ToString(), false),
        ("employer_id", r => r.EmployerId.ToString(), false),
    ];
}
