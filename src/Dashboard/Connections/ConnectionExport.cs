using System.Globalization;
using CsvHelper;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Connections;

/// <summary>
/// GET /connections/export: the current tab with its search, filters and sort as CSV, written to the response as rows
/// arrive from PostgreSQL. Columns are the list's, plus raw ids and ISO-8601 times; there is no token column to leak.
/// </summary>
public static class ConnectionExport
{
    public const string Path = "/connections/export";

    public static IEndpointConventionBuilder MapConnectionExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(nameof(Permission.ExportConnections));

    public static string FileName(ConnectionState tab, DateTimeOffset now) =>
        $"connections-{tab.ToString().ToLowerInvariant()}-{now.UtcDateTime:yyyy-MM-dd}.csv";

    private static async Task ExportAsync(HttpContext context, ConnectionDirectory directory, TimeProvider clock)
    {
        var view = ConnectionListView.Parse(context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value));

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(view.Tab, clock.GetUtcNow())}\"";
        context.Response.Headers.CacheControl = "no-store";
        await WriteCsvAsync(context.Response.Body, directory, view.ToQuery(), context.RequestAborted);
    }

    /// <summary>Writes the CSV of one tab to <paramref name="output"/> as rows arrive; returns the number of rows.</summary>
    public static async Task<int> WriteCsvAsync(Stream output, ConnectionDirectory directory, ConnectionListQuery query, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        var columns = query.Tab == ConnectionState.Staged ? StagedColumns : ConnectionColumns;
        foreach (var (header, _) in columns)
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var written = 0;
        await foreach (var row in directory.ExportAsync(query, cancellationToken))
        {
            foreach (var (_, value) in columns)
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

    private static readonly (string Header, Func<ConnectionRow, string?> Value)[] ConnectionColumns =
    [
        ("company_name", r => r.IsMultiEntity ? "Multi-entity connection" : r.CompanyName),
        ("company_id", r => r.CompanyId),
        ("connection_id", r => r.FinchConnectionId),
        ("customer_name", r => r.CustomerName),
        ("customer_id", r => r.CustomerId),
        ("entities", r => r.ActiveEntityCount.ToString(CultureInfo.InvariantCulture)),
        ("connection_status", r => r.Status.WireName()),
        ("status_message", r => r.StatusMessage),
        ("last_synced_at", r => Iso(r.LastSyncedAt)),
        ("connection_type", r => r.ConnectionType.DisplayName()),
        ("connected_at", r => Iso(r.ConnectedAt)),
        ("disconnected_at", r => Iso(r.DisconnectedAt)),
        ("provider", r => r.ProviderName),
        ("provider_id", r => r.ProviderId),
        ("products", r => string.Join(' ', r.Products)),
        ("dashboard_connection_id", r => r.Id.ToString()),
        ("employer_id", r => r.EmployerId.ToString()),
    ];

    private static readonly (string Header, Func<ConnectionRow, string?> Value)[] StagedColumns =
    [
        ("customer_name", r => r.CustomerName),
        ("customer_id", r => r.CustomerId),
        ("products", r => string.Join(' ', r.Products)),
        ("provider", r => r.ProviderName),
        ("provider_id", r => r.ProviderId),
        ("session_id", r => r.SessionId),
        ("progress", r => r.SessionProgress?.ToString().ToLowerInvariant()),
        ("created_at", r => Iso(r.CreatedAt)),
        ("expires_at", r => Iso(r.SessionExpiresAt)),
        ("dashboard_connection_id", r => r.Id.ToString()),
        ("employer_id", r => r.EmployerId.ToString()),
    ];
}
