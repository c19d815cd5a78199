using System.Globalization;
using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Data;
using FinchDashboard.Dashboard.Web;
using FinchDashboard.Domain;
using FinchDashboard.Domain.Audit;
using Microsoft.Extensions.Primitives;

namespace FinchDashboard.Dashboard.Components.Pages.Admin;

/// <summary>
/// What the audit log shows (filters and page), read from and written to the URL so a reload, the Back button or a
/// link pasted to a colleague shows the same records. Unknown or malformed values are ignored rather than failing the page.
/// </summary>
public sealed record AuditLogView
{
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100, 200];
    public const int DefaultPageSize = 50;

    public AuditAction? Action { get; init; }

    public AuditOutcome? Outcome { get; init; }

    /// <summary>Part of the actor's name.</summary>
    public string? Actor { get; init; }

    public Guid? EmployerId { get; init; }

    public TimeRange? OccurredAt { get; init; }

    /// <summary>1-based, as people count pages.</summary>
    public int PageNumber { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public bool HasFilters => Action is not null || Outcome is not null || Actor is not null || EmployerId is not null || OccurredAt is not null;

    /// <summary>What the list says when it has no record.</summary>
    public string EmptyText => HasFilters ? "No record matches these filters." : "Nothing has been recorded yet.";

    /// <summary>0-based, as the grid's pager counts pages.</summary>
    public int PageIndex => PageNumber - 1;

    /// <summary>Another page of the same records.</summary>
    public AuditLogView OnPage(int pageIndex) => this with { PageNumber = Math.Max(pageIndex, 0) + 1 };

    /// <summary>Another page size, from the first page: the old page number would point at other records.</summary>
    public AuditLogView WithPageSize(int pageSize) =>
        pageSize != PageSize && PageSizes.Contains(pageSize) ? this with { PageSize = pageSize, PageNumber = 1 } : this;

    public AuditLogQuery ToQuery() =>
        new(Action, Outcome, Actor, EmployerId, OccurredAt, new PageRequest((PageNumber - 1) * PageSize, PageSize));

    /// <summary>The same page size with no filters, from the first page.</summary>
    public AuditLogView Cleared() => new() { PageSize = PageSize };

    public static AuditLogView Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        string? One(string key) => UrlQuery.One(query, key);

        return new AuditLogView
        {
            Action = UrlQuery.ParseName<AuditAction>(One("action")),
            Outcome = UrlQuery.ParseName<AuditOutcome>(One("outcome")),
            Actor = One("who"),
            EmployerId = Guid.TryParse(One("employer"), out var employerId) ? employerId : null,
            OccurredAt = UrlQuery.ParseDays(One("from"), One("to")),
            PageNumber = UrlQuery.ParsePageNumber(One("page")),
            PageSize = UrlQuery.ParseCount(One("size")) is { } size && PageSizes.Contains(size) ? size : DefaultPageSize,
        };
    }

    public static AuditLogView Parse(string uri) => Parse(UrlQuery.Of(uri));

    /// <summary>The query string for this view, leaving out defaults so shared links stay short.</summary>
    public string ToQueryString() => UrlQuery.Create(
        ("action", Action?.ToString()),
        ("outcome", Outcome?.ToString().ToLowerInvariant()),
        ("who", Actor),
        ("employer", EmployerId?.ToString()),
        ("from", UrlQuery.FormatDay(OccurredAt?.From)),
        ("to", UrlQuery.FormatDay(OccurredAt?.To)),
        ("page", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null),
        ("size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null));
}
