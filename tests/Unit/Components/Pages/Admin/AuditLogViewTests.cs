using FinchDashboard.Dashboard.Audit;
using FinchDashboard.Dashboard.Components.Pages.Admin;
using FinchDashboard.Domain;
using FinchDashboard.Domain.Audit;

namespace FinchDashboard.Unit.Components.Pages.Admin;

public class AuditLogViewTests
{
    private static readonly DateTimeOffset November1 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EndOfNovember22 = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero).AddDays(1).AddTicks(-1);

    private static AuditLogView Parse(string query) => AuditLogView.Parse("http://localhost/admin/audit" + query);

    [Fact]
    public void A_view_survives_the_trip_through_the_URL()
    {
        var employerId = Guid.Parse("0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        var view = new AuditLogView
        {
            Action = AuditAction.ConnectionDisconnected,
            Outcome = AuditOutcome.Denied,
            Actor = "Max & Erin",
            EmployerId = employerId,
            OccurredAt = new TimeRange(November1, EndOfNovember22),
            PageNumber = 2,
            PageSize = 100,
        };

        var query = view.ToQueryString();
        var parsed = Parse(query);

        Assert.Equal(view, parsed);
        Assert.Equal(
            $"?action=ConnectionDisconnected&outcome=denied&who=Max%20%26%20Erin&employer={employerId}&from=2026-11-01&to=2026-11-22&page=2&size=100",
            query);
        Assert.Equal(new AuditLogQuery(view.Action, view.Outcome, view.Actor, employerId, view.OccurredAt, new(100, 100)), parsed.ToQuery());
    }

    [Fact]
    public void The_default_view_has_a_short_URL_and_asks_for_the_first_fifty_records()
    {
        var view = new AuditLogView();

        Assert.Equal("", view.ToQueryString());
        Assert.False(view.HasFilters);
        Assert.Equal(0, view.ToQuery().Page.Skip);
        Assert.Equal(50, view.ToQuery().Page.Take);
    }

    [Fact]
    public void Only_the_values_that_differ_from_the_defaults_are_written()
    {
        Assert.Equal("?outcome=failed", new AuditLogView { Outcome = AuditOutcome.Failed, PageSize = 50, PageNumber = 1 }.ToQueryString());
        Assert.Equal("?to=2026-11-22", new AuditLogView { OccurredAt = new TimeRange(null, EndOfNovember22) }.ToQueryString());
    }

    [Fact]
    public void Keys_and_names_are_read_in_any_case() =>
        Assert.Equal(new AuditLogView { Action = AuditAction.OutOfScopeAccess, Outcome = AuditOutcome.Denied }, Parse("?action=outofscopeaccess&outcome=DENIED"));

    [Theory]
    [InlineData("?action=DropTables")]
    [InlineData("?action=3")]
    [InlineData("?outcome=maybe")]
    [InlineData("?outcome=1")]
    [InlineData("?employer=not-a-guid")]
    [InlineData("?from=yesterday&to=2026-13-45")]
    [InlineData("?from=01/11/2026")]
    [InlineData("?page=-3")]
    [InlineData("?page=0")]
    [InlineData("?page=two")]
    [InlineData("?page=99999999999")]
    [InlineData("?page=2147483647")]
    [InlineData("?size=10")]
    [InlineData("?size=100000")]
    [InlineData("?size=-50")]
    [InlineData("?who=%20%20")]
    [InlineData("?unknown=1")]
    public void Malformed_values_are_ignored(string query)
    {
        var view = Parse(query);

        Assert.Equal(new AuditLogView(), view);
        Assert.Equal(0, view.ToQuery().Page.Skip);
    }

    [Fact]
    public void A_malformed_value_leaves_the_others_standing()
    {
        var view = Parse("?action=Nope&outcome=succeeded&employer=xyz&who=%20max%20&from=2026-11-01&to=garbage&page=-3&size=200");

        Assert.Equal(new AuditLogView
        {
            Outcome = AuditOutcome.Succeeded,
            Actor = "max",
            OccurredAt = new TimeRange(November1, null),
            PageSize = 200,
        }, view);
    }

    [Fact]
    public void Clearing_keeps_the_page_size_and_drops_everything_else()
    {
        var view = new AuditLogView { Action = AuditAction.EmployerCreated, Actor = "erin", PageNumber = 4, PageSize = 200 };

        Assert.Equal(new AuditLogView { PageSize = 200 }, view.Cleared());
    }

    [Fact]
    public void The_pagers_page_index_is_the_URLs_page_number_less_one()
    {
        var view = new AuditLogView { Outcome = AuditOutcome.Denied, PageSize = 100 };

        Assert.Equal(0, view.PageIndex);
        Assert.Equal(new AuditLogView { Outcome = AuditOutcome.Denied, PageSize = 100, PageNumber = 3 }, view.OnPage(2));
        Assert.Equal("?outcome=denied&page=3&size=100", view.OnPage(2).ToQueryString());
        Assert.Equal(2, view.OnPage(2).PageIndex);
        Assert.Equal(view, view.OnPage(-1));
    }

    [Fact]
    public void A_new_page_size_starts_from_the_first_page()
    {
        var view = new AuditLogView { Actor = "erin", PageNumber = 4 };

        Assert.Equal(new AuditLogView { Actor = "erin", PageSize = 200 }, view.WithPageSize(200));
        Assert.Equal(view, view.WithPageSize(AuditLogView.DefaultPageSize));
        Assert.Equal(view, view.WithPageSize(10));
    }

    [Fact]
    public void An_empty_log_says_whether_the_filters_hid_the_records()
    {
        Assert.Equal("Nothing has been recorded yet.", new AuditLogView { PageNumber = 2 }.EmptyText);
        Assert.Equal("No record matches these filters.", new AuditLogView { Action = AuditAction.UserCreated }.EmptyText);
    }
}
