using System.Globalization;
using FinchDashboard.Dashboard.Access;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Dashboard.Web;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Dashboard.Waste;

/// <summary>
/// GET /waste/export: the billable waste page as CSV, written to the response as rows arrive from PostgreSQL, like the
/// connections export. There is no token column to leak.
/// </summary>
public static class WasteExport
{
    public const string Path = "/waste/export";

    public static IEndpointConventionBuilder MapWasteExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(nameof(Permission.ReviewBillableWaste))
            .RequireRateLimiting(Throttles.Export);

    public static string FileName(DateTimeOffset now) => $"billable-waste-{now.UtcDateTime:yyyy-MM-dd}.csv";

    private static async Task ExportAsync(HttpContext context, BillableWaste waste, TimeProvider clock)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(clock.GetUtcNow())}\"";
        context.Response.Headers.CacheControl = "no-store";
        await WriteCsvAsync(context.Response.Body, waste, context.RequestAborted);
    }

    /// <summary>Writes the CSV to <paramref name="output"/> as rows arrive; returns the number of rows.</summary>
    public static async Task<int> WriteCsvAsync(Stream output, BillableWaste waste, CancellationToken cancellationToken) =>
        await CsvDownload.WriteAsync(output, Columns, waste.ExportAsync(cancellationToken), cancellationToken);

    private static readonly (string Header, Func<WasteItem, string?> Value)[] Columns =
    [
        ("employer_name", i => i.EmployerName),
        ("company_name", i => i.CompanyName),
        ("company_id", i => i.CompanyId),
        ("connection_id", i => i.FinchConnectionId),
        ("provider", i => i.ProviderName ?? i.ProviderId),
        ("state", i => i.State.ToString().ToLowerInvariant()),
        ("connection_status", i => i.Status.WireName()),
        ("entities", i => i.ActiveEntityCount.ToString(CultureInfo.InvariantCulture)),
        ("last_synced_at", i => CsvDownload.Iso(i.LastSyncedAt)),
        ("connected_at", i => CsvDownload.Iso(i.ConnectedAt)),
        ("reason", i => i.Reason.DisplayName()),
        ("billed", i => i.Billed ? "yes" : "no"),
        ("action", i => i.Action.ToString()),
        ("dashboard_connection_id", i => i.ConnectionId.ToString()),
        ("employer_id", i => i.EmployerId.ToString()),
    ];
}
