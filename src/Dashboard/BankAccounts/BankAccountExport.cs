using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Throttling;
using FinchDashboard.Dashboard.Web;
using FinchDashboard.Domain.Access;
using FinchDashboard.Domain.BankAccounts;

namespace FinchDashboard.Dashboard.BankAccounts;

/// <summary>
/// GET /bank-accounts/export: the list with its search, status filter and sort as CSV, streamed from PostgreSQL within the
/// caller's scope. No Stripe key or token exists in these rows to leak.
/// </summary>
public static class BankAccountExport
{
    public const string Path = "/bank-accounts/export";

    private static readonly (string Header, Func<BankAccountRow, string?> Value)[] Columns =
    [
        ("employer", r => r.EmployerName),
        ("institution", r => r.InstitutionName),
        ("display_name", r => r.DisplayName),
        ("last4", r => r.Last4),
        ("category", r => r.Category),
        ("subcategory", r => r.Subcategory),
        ("status", r => r.Status.DisplayName()),
        ("permissions", r => string.Join(' ', r.Permissions)),
        ("balance_refresh", r => Refresh(r.BalanceRefresh)),
        ("ownership_refresh", r => Refresh(r.OwnershipRefresh)),
        ("transaction_refresh", r => Refresh(r.TransactionRefresh)),
        ("linked_by", r => r.LinkedBy),
        ("linked_at", r => CsvDownload.Iso(r.LinkedAt)),
        ("disconnected_by", r => r.DisconnectedBy),
        ("disconnected_at", r => CsvDownload.Iso(r.DisconnectedAt)),
        ("disconnect_reason", r => r.DisconnectReason),
    ];

    public static IEndpointConventionBuilder MapBankAccountExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization(nameof(Permission.ExportConnections))
            .RequireRateLimiting(Throttles.Export);

    /// <summary>The export's address for what the list shows.</summary>
    public static string For(BankAccountListQuery query) =>
        Path + UrlQuery.Create(("search", query.Search), ("status", query.Status?.ToString()), ("sort", query.Sort.ToString()), ("desc", query.Descending ? "true" : null));

    private static async Task ExportAsync(HttpContext context, BankAccountDirectory directory, TimeProvider clock)
    {
        var request = context.Request.Query;
        var query = new BankAccountListQuery(
            request["search"].ToString(),
            UrlQuery.ParseName<BankAccountStatus>(request["status"]),
            UrlQuery.ParseName<BankAccountSortColumn>(request["sort"]) ?? BankAccountSortColumn.Linked,
            request["desc"] == "true",
            new PageRequest(0, PageRequest.MaxSize));
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"bank-accounts-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await WriteCsvAsync(context.Response.Body, directory, query, context.RequestAborted);
    }

    /// <summary>Writes the CSV of what the caller may see to <paramref name="output"/> as rows arrive; returns the number of rows.</summary>
    public static async Task<int> WriteCsvAsync(Stream output, BankAccountDirectory directory, BankAccountListQuery query, CancellationToken cancellationToken) =>
        await CsvDownload.WriteAsync(output, Columns, directory.ExportAsync(query, cancellationToken), cancellationToken);

    private static string? Refresh(BankAccountRefresh? refresh) => refresh is null ? null : $"{refresh.Status} {CsvDownload.Iso(refresh.LastAttemptedAt)}";
}
