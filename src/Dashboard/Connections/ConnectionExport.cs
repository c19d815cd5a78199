using System.Globalization;
using CsvHelper;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Throttling;
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
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
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
            .ToList();
        foreach (var (header, _, _) in columns)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var written = 0;
        await foreach (var row in directory.ExportAsync(query, cancellationToken))
        {
            foreach (var (_, value, _) in columns)
            {
                csv.WriteField(value(row));
            }

            await csv.EndRecordAsync(cancellationToken);
            // Hand rows to the client in batches so neither side waits for the whole file.
            if (++written % 1000 == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
        return written;
    }

    // Escapes cells starting with = + - @ so a company name cannot become a formula in a spreadsheet.
    private static readonly CsvWriterOptions CsvOptions = new()
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private static string? Iso(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

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
        ("last_synced_at", r => Iso(r.LastSyncedAt), false),
        ("connection_type", r => r.ConnectionType.DisplayName(), false),
        ("connected_at", r => Iso(r.ConnectedAt), false),
        ("disconnected_at", r => Iso(r.DisconnectedAt), false),
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
        ("created_at", r => Iso(r.CreatedAt), false),
        ("expires_at", r => Iso(r.SessionExpiresAt), false),
        ("dashboard_connection_id", r => r.Id.ToString(), false),
        ("employer_id", r => r.EmployerId.ToString(), false),
    ];
}
