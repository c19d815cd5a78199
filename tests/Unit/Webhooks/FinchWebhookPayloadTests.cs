using System.Text;
using FinchDashboard.Dashboard.Webhooks;
using FinchDashboard.Domain.Connections;

namespace FinchDashboard.Unit.Webhooks;

public class FinchWebhookPayloadTests
{
    private static FinchWebhookPayload? Parse(string json) => FinchWebhookPayload.TryParse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void An_entity_status_change_as_the_SDK_sends_it_is_read_whole()
    {
        var payload = Parse("""
            {"account_id":"acc","company_id":"co","connection_id":"conn","entity_id":"ent","event_type":"account.updated",
             "data":{"status":"disconnected","authentication_method":{"type":"credential","supported_fields":{}}}}
            """)!;

        Assert.Equal(new FinchWebhookPayload("account.updated", "conn", "ent", "acc", "co", "disconnected", "credential", null), payload);
        Assert.Equal(FinchWebhookKind.AccountUpdated, payload.Kind);
    }

    [Fact]
    public void The_older_guides_bare_authentication_method_string_is_read_too()
    {
        var payload = Parse("""{"company_id":"co","connection_id":"conn","event_type":"account.updated","data":{"status":"connected","authentication_method":"assisted"}}""")!;

        Assert.Equal("assisted", payload.AuthenticationMethod);
        Assert.Null(payload.EntityId);
    }

    [Theory]
    [InlineData("job.data_sync_all.completed", FinchWebhookKind.JobFinished, "data_sync_all", false)]
    [InlineData("job.benefit_enroll.completed", FinchWebhookKind.JobFinished, "benefit_enroll", false)]
    [InlineData("job.initial_data_sync_payroll.succeeded", FinchWebhookKind.JobFinished, "initial_data_sync_payroll", true)]
    [InlineData("directory.created", FinchWebhookKind.DataChanged, null, false)]
    [InlineData("pay_statement.deleted", FinchWebhookKind.DataChanged, null, false)]
    [InlineData("company.updated", FinchWebhookKind.DataChanged, null, false)]
    [InlineData("benefit.created", FinchWebhookKind.Other, null, false)]
    [InlineData("job.completed", FinchWebhookKind.Other, null, false)]
    [InlineData("account.created", FinchWebhookKind.Other, null, false)]
    public void Event_types_are_classified_as_Finch_names_them(string eventType, FinchWebhookKind kind, string? jobType, bool succeeded)
    {
        var payload = Parse($$$"""{"connection_id":"conn","event_type":"{{{eventType}}}","data":{"job_id":"j1","job_url":"https://x/j1"}}""")!;

        Assert.Equal(kind, payload.Kind);
        Assert.Equal(jobType, payload.JobType);
        Assert.Equal(succeeded, payload.JobSucceeded);
    }

    [Fact]
    public void A_data_event_names_its_endpoint_and_a_null_data_is_fine()
    {
        Assert.Equal("pay_statement", Parse("""{"connection_id":"c","event_type":"pay_statement.created","data":{"payment_id":"p","individual_id":"i"}}""")!.DataEndpoint);
        Assert.Equal("company", Parse("""{"connection_id":"c","event_type":"company.updated","data":null}""")!.DataEndpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"connection_id":"c"}""")]
    [InlineData("""{"event_type":42}""")]
    [InlineData("""{"event_type":"account.updated"} trailing""")]
    public void Anything_but_a_JSON_object_with_an_event_type_is_refused(string body) => Assert.Null(Parse(body));

    [Fact]
    public void Ids_longer_than_the_inbox_stores_are_refused()
    {
        var longId = new string('c', FinchWebhookPayload.MaxIdLength + 1);

        Assert.Null(Parse($$"""{"connection_id":"{{longId}}","event_type":"company.updated"}"""));
        Assert.NotNull(Parse($$"""{"connection_id":"{{longId[1..]}}","event_type":"company.updated"}"""));
    }
}

public class StatusReportsTests
{
    private static readonly DateTimeOffset Held = new(2026, 11, 22, 10, 0, 0, 400, TimeSpan.Zero);

    /// <summary>Received well after everything else here, so only the report times decide.</summary>
    private static readonly DateTimeOffset ReceivedLater = Held.AddMinutes(1);

    [Fact]
    public void With_nothing_held_any_report_is_current() =>
        Assert.Equal(StatusReportVerdict.Current, StatusReports.Judge(Held, ReceivedLater, null, null));

    [Fact]
    public void A_later_report_is_current_and_an_earlier_one_is_not()
    {
        Assert.Equal(StatusReportVerdict.Current, StatusReports.Judge(Held.AddSeconds(1), ReceivedLater, Held, null));
        Assert.Equal(StatusReportVerdict.OlderThanHeld, StatusReports.Judge(Held.AddSeconds(-1), ReceivedLater, Held, null));
    }

    [Fact]
    public void A_report_from_the_same_whole_second_wins_because_Finch_timestamps_have_no_fraction()
    {
        var sameSecond = DateTimeOffset.FromUnixTimeSeconds(Held.ToUnixTimeSeconds());

        Assert.Equal(StatusReportVerdict.Current, StatusReports.Judge(sameSecond, ReceivedLater, Held, Held));
    }

    [Fact]
    public void A_report_received_before_our_own_reading_of_the_status_is_reflected_in_it_even_from_the_same_second()
    {
        // Finch announced the connection, then we stored it after reading /introspect in the same second.
        var sameSecond = DateTimeOffset.FromUnixTimeSeconds(Held.ToUnixTimeSeconds());

        Assert.Equal(StatusReportVerdict.ReflectedInReading, StatusReports.Judge(sameSecond, Held.AddMilliseconds(-100), Held, Held));
        Assert.Equal(StatusReportVerdict.Current, StatusReports.Judge(sameSecond, Held.AddMilliseconds(1), Held, Held));
    }
}
